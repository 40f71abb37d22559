// Whole server processes: a kill -9 under load loses no acknowledged payment, and three servers on one
// database (one SQLite file, or one PostgreSQL database) neither fork the chain nor overdraw an account.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyWithWebCrypto } from "@/lib/ledger/ed25519";
import { verifyReceipt } from "@/lib/ledger/receipt";
import type { Receipt } from "@/lib/ledger/types";
import { freshDatabaseUrl, tamper } from "../../support/database";
import { adminToken, makeDataDir, testChainId } from "../../support/node";
import { ensureBuilt, getJson, postJson, runScript, startServer, type RunningServer } from "../../support/server";
import { audit, expectAllStored, expectDrained, expectOneChain, fund } from "../../support/node-processes";
import { makeWallet, signPayment } from "../../support/wallet";

const running: RunningServer[] = [];

beforeAll(() => {
  ensureBuilt();
}, 300_000);

afterAll(async () => {
  await Promise.all(running.map((server) => server.stop()));
});

async function environmentFor(name: string, extra: Record<string, string> = {}) {
  const dataDir = makeDataDir(name);
  const databaseUrl = await freshDatabaseUrl(dataDir, name);
  return {
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    CHAIN_ID: testChainId,
    ADMIN_TOKEN: adminToken,
    FAUCET_INTERVAL_SECONDS: "0",
    ...extra,
  };
}

async function start(environment: Record<string, string>) {
  const server = await startServer(environment);
  running.push(server);
  return server;
}

describe("kill -9 under load", () => {
  it("loses no acknowledged payment, and the chain audits after a restart", async () => {
    const environment = await environmentFor("crash", { FAUCET_AMOUNT: "100000000" });
    const server = await start(environment);
    const payers = Array.from({ length: 16 }, () => makeWallet());
    await fund(server.url, payers);
    const payee = makeWallet().publicKey;

    const acknowledged: Receipt[] = [];
    let isKilled = false;
    // Each payer sends payments back to back until the server dies under it.
    const senders = payers.map(async (payer) => {
      while (!isKilled) {
        try {
          const response = await postJson(`${server.url}/api/payments`, signPayment(payer, payee, "1"));
          if (response.status === 201) acknowledged.push((response.body as { receipt: Receipt }).receipt);
        } catch {
          return;
        }
      }
    });
    // Let a few hundred payments through, then kill the server mid-stream, without warning.
    const waitStart = Date.now();
    while (acknowledged.length < 300) {
      if (Date.now() - waitStart > 20_000)
        throw new Error(`only ${acknowledged.length} acknowledged:\n${server.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    server.process.kill("SIGKILL");
    isKilled = true;
    await Promise.all(senders);
    await server.exited;

    const restarted = await start(environment);
    await expectAllStored(restarted.url, acknowledged);
    expect((await verifyReceipt(acknowledged.at(-1)!, acknowledged[0]!.nodePublicKey, verifyWithWebCrypto)).ok).toBe(
      true,
    );
    expect(await audit(restarted.url)).toMatchObject({ ok: true, firstBad: null });
  });
});

describe("three server processes on one database", () => {
  it("never fork the chain or overdraw: 4 payers each send 30 payments covering 10, spread over all three", async () => {
    const environment = await environmentFor("three-processes", { FAUCET_AMOUNT: "1000", SEAL_DELAY_MS: "5" });
    const servers = await Promise.all([start(environment), start(environment), start(environment)]);
    const [first, second, third] = servers;
    const payers = Array.from({ length: 4 }, () => makeWallet());
    const serverOf = (index: number) => servers[index % servers.length]!;
    // Each instance seals at least the mint it is asked for.
    for (const [index, payer] of payers.entries()) await fund(serverOf(index).url, [payer]);
    const payments = payers.flatMap((payer) =>
      Array.from({ length: 30 }, () => signPayment(payer, makeWallet().publicKey, "100")),
    );
    const responses = await Promise.all(
      payments.map((payment, index) => postJson(`${serverOf(index).url}/api/payments`, payment)),
    );
    expect(responses.filter((response) => response.status === 201)).toHaveLength(40);
    expect(responses.filter((response) => response.status === 409)).toHaveLength(80);
    await expectDrained(third.url, payers);

    // They form one chain: every height once, each linked to the one before, and the audit passes on each.
    await expectOneChain(second.url, payers.length + 40);
    for (const server of servers) expect(await audit(server.url)).toMatchObject({ ok: true, firstBad: null });

    // Over real HTTP, where the body's length is declared: too large, malformed, and the wrong type.
    const post = (body: string, contentType = "application/json") =>
      fetch(`${first.url}/api/payments`, { method: "POST", headers: { "content-type": contentType }, body });
    const tooLarge = await post(JSON.stringify({ pad: "x".repeat(20 * 1024) }));
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual({
      error: { code: "payload_too_large", message: "The body must be at most 8192 bytes." },
    });
    const malformed = await post("{");
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: { code: "invalid_json", message: "The body is not valid JSON." } });
    expect((await post("{}", "text/plain")).status).toBe(415);
  });
});

describe("npm run verify", () => {
  const runVerify = (...args: string[]) => runScript("verify.ts", args);

  it("verifies a node through its public API alone, and names the block changed behind its back", async () => {
    const environment = await environmentFor("verify", { FAUCET_AMOUNT: "100000" });
    let server = await start(environment);
    const payer = makeWallet();
    await fund(server.url, [payer]);
    for (let index = 0; index < 4; index++) {
      expect(
        (await postJson(`${server.url}/api/payments`, signPayment(payer, makeWallet().publicKey, "25"))).status,
      ).toBe(201);
    }
    const nodeKey = ((await getJson(`${server.url}/api/node`)).body as { nodePublicKey: string }).nodePublicKey;

    const passing = await runVerify(server.url, "--node-key", nodeKey);
    expect(passing.output).toContain("OK: 6 blocks and 5 transactions verify");
    expect(passing.code).toBe(0);

    const foreignKey = makeWallet().publicKey;
    const wrongKey = await runVerify(server.url, "--node-key", foreignKey);
    expect(wrongKey.output).toContain("FAILED at block 0: the node's signature over the block header does not verify");
    expect(wrongKey.code).toBe(1);

    await server.stop();
    await tamper(environment.DATABASE_URL, `UPDATE "Transaction" SET "amountMinor" = 1 WHERE "blockHeight" = 3`);
    server = await start(environment);
    const tampered = await runVerify(server.url, "--node-key", nodeKey);
    expect(tampered.output).toContain("FAILED at block 3: transaction 0: its txId is not the hash of its contents");
    expect(tampered.code).toBe(1);

    expect((await runVerify()).code).toBe(2);
  });
});
