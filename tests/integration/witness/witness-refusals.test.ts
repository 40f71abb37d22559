// A witness validates what it cosigns: a node that serves a tampered transaction gets a refusal naming the block
// (and the alarm), and a checkpoint whose root contradicts the blocks the node signed is kept as evidence. Also
// `npm run policy`, which writes a node's WITNESS_POLICY from the witnesses' GET /api/witness, and the witness's
// usage errors.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePolicy } from "@/lib/ledger/log/policy";
import { formatAddCheckpoint } from "@/lib/ledger/log/witness-request";
import { merkleTreeHash } from "@/lib/ledger/merkle";
import { freshDatabaseUrl, rawQuery } from "../../support/database";
import { adminToken, makeDataDir, testChainId } from "../../support/node";
import { ensureBuilt, getJson, postJson, runScript, startServer, type RunningServer } from "../../support/server";
import { makeWallet, signPayment } from "../../support/wallet";
import {
  addCheckpointBody,
  logLeaves,
  nodeCheckpointSigner,
  postAddCheckpoint,
  startWitness,
  witnessStatus,
  type WitnessProcess,
} from "./witness-processes";

let node: RunningServer;
let nodeDataDir: string;
let signer: ReturnType<typeof nodeCheckpointSigner>;
let tampering: Server;
let tamperingUrl: string;
const witnesses: WitnessProcess[] = [];
const payer = makeWallet();
const payee = makeWallet();

/** Which block the proxy tampers with; null: none yet. */
let tamperedHeight: number | null = null;

/** The node as a dishonest operator serves it: one block's first transaction with another amount, all else as is. */
function startTamperingProxy(upstream: string): Promise<Server> {
  const server = createServer((request, response) => {
    void (async () => {
      const answer = await fetch(`${upstream}${request.url ?? "/"}`, { signal: AbortSignal.timeout(10_000) });
      let text = await answer.text();
      if (tamperedHeight !== null && request.url === `/api/blocks/${tamperedHeight}` && answer.ok) {
        const body = JSON.parse(text) as { transactions: { tx: { amount: string } }[] };
        body.transactions[0]!.tx.amount = "999";
        text = JSON.stringify(body);
      }
      response.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
      response.end(text);
    })().catch(() => {
      response.writeHead(502).end();
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

beforeAll(async () => {
  ensureBuilt();
  nodeDataDir = makeDataDir("witness-refused-node");
  node = await startServer({
    DATA_DIR: nodeDataDir,
    DATABASE_URL: await freshDatabaseUrl(nodeDataDir, "witness_refused_node"),
    CHAIN_ID: testChainId,
    ADMIN_TOKEN: adminToken,
    FAUCET_AMOUNT: "100000",
    FAUCET_INTERVAL_SECONDS: "0",
  });
  expect((await postJson(`${node.url}/api/faucet`, { account: payer.publicKey })).status).toBe(201);
  for (const amount of ["250", "125"]) {
    expect((await postJson(`${node.url}/api/payments`, signPayment(payer, payee.publicKey, amount))).status).toBe(201);
  }
  const { nodePublicKey } = (await getJson(`${node.url}/api/node`)).body as { nodePublicKey: string };
  signer = nodeCheckpointSigner(nodeDataDir, nodePublicKey, `chainpay/${testChainId}`);
  tampering = await startTamperingProxy(node.url);
  tamperingUrl = `http://127.0.0.1:${(tampering.address() as AddressInfo).port}`;
}, 300_000);

afterAll(async () => {
  for (const witness of witnesses) await witness.stop();
  await new Promise((resolve) => tampering?.close(resolve));
  await node?.stop();
});

describe("a validating witness", () => {
  it("refuses to cosign a log whose served block breaks a rule, naming the block, and raises its alarm", async () => {
    const witness = await startWitness(tamperingUrl, "witness-of-tampered");
    witnesses.push(witness);
    expect(
      (await postAddCheckpoint(witness, addCheckpointBody(signer, await logLeaves(node.url, 4), 0, 4))).status,
    ).toBe(200);
    // From block 4 on, the node serves a transaction other than the one it signed.
    tamperedHeight = 4;
    expect((await postJson(`${node.url}/api/payments`, signPayment(payer, payee.publicKey, "9"))).status).toBe(201);
    const reply = await postAddCheckpoint(witness, addCheckpointBody(signer, await logLeaves(node.url, 5), 4, 5));
    expect(reply.status).toBe(422);
    expect(reply.body).toContain("block 4");
    const status = await witnessStatus(witness);
    expect(status.cosigned).toMatchObject({ size: 4 });
    expect(status.alarm).toMatchObject({ height: 4 });
    expect(status.alarm?.reason).toContain("the node serves block 4, which does not verify");
    expect(witness.output()).toContain("!!! chainpay follower ALARM !!!");
    expect((await getJson(`${witness.url}/api/health`)).status).toBe(503);
  }, 120_000);

  it("keeps as evidence a signed checkpoint whose root is not the root of the blocks it verified", async () => {
    const witness = await startWitness(node.url, "witness-of-lies", ["--witness-name", "example.com/witness-two"]);
    witnesses.push(witness);
    const leaves = await logLeaves(node.url, 4);
    const lie = signer.note(4, merkleTreeHash(leaves.slice(0, 3)));
    const reply = await postAddCheckpoint(witness, formatAddCheckpoint({ oldSize: 0, proof: [], note: lie }));
    expect(reply.status).toBe(422);
    expect(reply.body).toContain("Equivocation");
    const status = await witnessStatus(witness);
    expect(status).toMatchObject({ name: "example.com/witness-two", cosigned: null, alarm: { kind: "equivocation" } });
    const evidence = await rawQuery<{ conflictingNote: string }>(
      witness.databaseUrl,
      `SELECT "conflictingNote" FROM "WitnessEvidence"`,
    );
    expect(evidence).toEqual([{ conflictingNote: lie }]);
    // The true checkpoint is refused too from then on.
    const honest = await postAddCheckpoint(witness, addCheckpointBody(signer, leaves, 0, 4));
    expect(honest.status).toBe(422);
    expect((await witnessStatus(witness)).cosigned).toBeNull();
  }, 120_000);

  it("refuses bad usage: a witness name that is not a key name, or one without --witness", async () => {
    const environment = { DATA_DIR: makeDataDir("witness-usage") };
    for (const args of [
      ["--witness", "--witness-name", "has space"],
      ["--witness", "--witness-name", "a+b"],
      ["--witness-name", "fine"],
    ]) {
      const run = await runScript("follow.ts", [node.url, "--once", ...args], environment, 60_000);
      expect(run.code).toBe(2);
      expect(run.output).toContain("usage: npm run follow");
    }
  });
});

describe("npm run policy", () => {
  it("writes a tlog-policy from the witnesses' GET /api/witness, with their submission URLs, a group and the quorum", async () => {
    const [first, second] = witnesses;
    const statuses = [await witnessStatus(first!), await witnessStatus(second!)];
    const run = await runScript("write-policy.ts", ["--quorum", "2", first!.url, `${second!.url}/`]);
    expect(run.code).toBe(0);
    const policy = parsePolicy(run.output);
    expect(
      policy.witnesses.map((witness) => ({ name: witness.name, vkey: witness.key.vkey, url: witness.url })),
    ).toEqual([
      { name: statuses[0]!.name, vkey: statuses[0]!.vkey, url: `${first!.url}/api/witness` },
      { name: statuses[1]!.name, vkey: statuses[1]!.vkey, url: `${second!.url}/api/witness` },
    ]);
    expect(policy.groups).toEqual([
      { name: policy.quorum, threshold: 2, members: [statuses[0]!.name, statuses[1]!.name] },
    ]);
    const out = path.join(makeDataDir("witness-policy"), "policy.txt");
    const written = await runScript("write-policy.ts", ["--quorum", "1", first!.url, second!.url, "--out", out]);
    expect(written.code).toBe(0);
    expect(parsePolicy(readFileSync(out, "utf8")).groups[0]!.threshold).toBe(1);
  });

  it("exits 2 on usage errors and 1 when a witness cannot be read", async () => {
    const url = witnesses[0]!.url;
    for (const args of [
      [],
      [url],
      ["--quorum", "0", url],
      ["--quorum", "2", url],
      ["--quorum", "1", "ftp://x"],
      ["--quorum", "1", url, url],
      ["--quorum", "1", "--bogus", url],
    ]) {
      const run = await runScript("write-policy.ts", args);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.output).toContain("usage: npm run policy");
    }
    const unreachable = await runScript("write-policy.ts", ["--quorum", "1", node.url]);
    expect(unreachable.code).toBe(1);
  });
});
