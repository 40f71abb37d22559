// `npm run follow`: a replica that verifies every block it takes from a node, serves the read API and explorer
// from it, refuses writes, and raises the alarm when the node rewrites a block it has already verified.
import { spawn, type ChildProcess } from "node:child_process";
import { createPrivateKey, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalBytes } from "@/lib/ledger/canonical";
import { verifyWithWebCrypto } from "@/lib/ledger/ed25519";
import { computeBlockHash } from "@/lib/ledger/hash";
import { columnOfHex } from "@/lib/db/rows";
import { verifyReceipt } from "@/lib/ledger/receipt";
import type { BlockHeader, Receipt, SignedBlock } from "@/lib/ledger/types";
import { root } from "@/scripts/build-if-needed";
import { freshDatabaseUrl, tamper } from "../../support/database";
import { adminToken, makeDataDir, testChainId } from "../../support/node";
import {
  ensureBuilt,
  freePort,
  getJson,
  postJson,
  runScript,
  startServer,
  type RunningServer,
  type ScriptRun,
} from "../../support/server";
import { makeWallet, signPayment } from "../../support/wallet";

const adminPassword = "follower-admin-password";

type NodeInfoBody = { nodePublicKey: string; head: SignedBlock; faucet: { enabled: boolean } };

let upstream: RunningServer;
let upstreamEnvironment: Record<string, string>;
let upstreamPort: number;
let follower: { process: ChildProcess; url: string; output: () => string } | null = null;
const payer = makeWallet();
const payee = makeWallet();
let paymentReceipt: Receipt;

async function replicaEnvironment(name: string): Promise<Record<string, string>> {
  const dataDir = makeDataDir(name);
  return { DATA_DIR: dataDir, DATABASE_URL: await freshDatabaseUrl(dataDir, name), ADMIN_PASSWORD: adminPassword };
}

function followArguments(...args: string[]): string[] {
  return ["--import", "tsx", "--conditions=react-server", "scripts/follow.ts", ...args];
}

function followOnce(environment: Record<string, string>, ...args: string[]): Promise<ScriptRun> {
  return runScript("follow.ts", [upstream.url, "--once", ...args], environment, 60_000);
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; follower said:\n${follower?.output() ?? ""}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function nodeInfo(url: string): Promise<NodeInfoBody> {
  return (await getJson(`${url}/api/node`)).body as NodeInfoBody;
}

async function pay(amount: string): Promise<Receipt> {
  const response = await postJson(`${upstream.url}/api/payments`, signPayment(payer, payee.publicKey, amount));
  expect(response.status).toBe(201);
  return (response.body as { receipt: Receipt }).receipt;
}

/** What a dishonest operator would do: change a sealed block and sign the new header with the node key. */
async function rewriteBlock(block: SignedBlock): Promise<string> {
  const header: BlockHeader = {
    ...block.header,
    timestamp: new Date(Date.parse(block.header.timestamp) + 1).toISOString(),
  };
  const nodeKey = createPrivateKey(readFileSync(path.join(upstreamEnvironment.DATA_DIR!, "node-key.pem"), "utf8"));
  const hash = computeBlockHash(header);
  await tamper(
    upstreamEnvironment.DATABASE_URL!,
    `UPDATE "Block" SET "timestampMs" = $1, "hash" = $2, "signature" = $3 WHERE "height" = $4`,
    // The stored time is its milliseconds, the hash and signature their bytes.
    [Date.parse(header.timestamp), columnOfHex(hash), sign(null, canonicalBytes(header), nodeKey), header.height],
  );
  return hash;
}

beforeAll(async () => {
  ensureBuilt();
  const dataDir = makeDataDir("followed");
  upstreamEnvironment = {
    DATA_DIR: dataDir,
    DATABASE_URL: await freshDatabaseUrl(dataDir, "followed"),
    CHAIN_ID: testChainId,
    ADMIN_TOKEN: adminToken,
    FAUCET_AMOUNT: "100000",
    FAUCET_INTERVAL_SECONDS: "0",
  };
  upstreamPort = await freePort();
  upstream = await startServer(upstreamEnvironment, upstreamPort);
  expect((await postJson(`${upstream.url}/api/faucet`, { account: payer.publicKey })).status).toBe(201);
  paymentReceipt = await pay("250");
  await pay("125");
}, 300_000);

afterAll(async () => {
  if (follower !== null && follower.process.exitCode === null) {
    const exited = new Promise((resolve) => follower!.process.once("exit", resolve));
    follower.process.kill("SIGTERM");
    await exited;
  }
  await upstream.stop();
});

describe("npm run follow", () => {
  let onceReplica: Record<string, string>;

  it("with --once syncs and verifies the whole chain, then exits 0", async () => {
    onceReplica = await replicaEnvironment("follow-once");
    const run = await followOnce(onceReplica);
    expect(run.output).toContain("verified and stored 4 blocks; head 3");
    expect(run.code).toBe(0);
    // Nothing new: a second run stores nothing and still passes.
    const again = await followOnce(onceReplica);
    expect(again.output).toContain("replica in");
    expect(again.output).toContain("verified up to block 3");
    expect(again.code).toBe(0);
  });

  it("refuses a replica pinned to another key", async () => {
    const run = await followOnce(onceReplica, "--node-key", makeWallet().publicKey);
    expect(run.output).toMatch(/This replica follows the node with key [0-9a-f]{64}, not [0-9a-f]{64}/);
    expect(run.code).toBe(2);
  });

  it("serves the replica read-only: node info, blocks, accounts and receipts as the node has them, and no writes", async () => {
    const environment = await replicaEnvironment("follow-serve");
    const port = await freePort();
    const child = spawn(process.execPath, followArguments(upstream.url), {
      cwd: root,
      env: { ...process.env, ...environment, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    follower = { process: child, url: `http://127.0.0.1:${port}`, output: () => output };
    const url = follower.url;
    await until(
      async () => ((await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) })).ok ? true : undefined),
      "the follower to serve",
      60_000,
    );

    const [mine, theirs] = await Promise.all([nodeInfo(url), nodeInfo(upstream.url)]);
    expect(mine.nodePublicKey).toBe(theirs.nodePublicKey);
    expect(mine.head).toEqual(theirs.head);
    expect(mine.faucet.enabled).toBe(false);
    expect((await getJson(`${url}/api/blocks/2`)).body).toEqual((await getJson(`${upstream.url}/api/blocks/2`)).body);
    expect((await getJson(`${url}/api/accounts/${payer.publicKey}`)).body).toEqual(
      (await getJson(`${upstream.url}/api/accounts/${payer.publicKey}`)).body,
    );
    const { receipt } = (await getJson(`${url}/api/transactions/${paymentReceipt.txId}`)).body as { receipt: Receipt };
    expect(receipt).toEqual(paymentReceipt);
    expect((await verifyReceipt(receipt, theirs.nodePublicKey, verifyWithWebCrypto)).ok).toBe(true);
    expect(await getJson(`${url}/api/health`)).toEqual({
      status: 200,
      body: { ok: true, follower: { following: upstream.url, height: 3, alarm: null } },
    });

    const refused = await postJson(`${url}/api/payments`, signPayment(payer, payee.publicKey, "1"));
    expect(refused).toEqual({
      status: 404,
      body: {
        error: {
          code: "not_found",
          message: `This node is a read-only follower of ${upstream.url}: send payments to that node.`,
        },
      },
    });
    expect((await postJson(`${url}/api/faucet`, { account: payee.publicKey })).status).toBe(403);
  }, 120_000);

  it("takes each new block as the node seals it", async () => {
    const url = follower!.url;
    await pay("10");
    await pay("20");
    const head = (await nodeInfo(upstream.url)).head;
    expect(head.header.height).toBe(5);
    await until(
      async () => ((await nodeInfo(url)).head.hash === head.hash ? true : undefined),
      "the follower to reach block 5",
    );
    expect((await getJson(`${url}/api/accounts/${payee.publicKey}`)).body).toMatchObject({ balance: "405" });
    const run = await followOnce(onceReplica);
    expect(run.output).toContain("verified and stored 2 blocks; head 5");
    expect(run.code).toBe(0);
  });

  it("raises the alarm when the node rewrites a block it has verified: 503 health, a red explorer banner, and --once exits 3", async () => {
    const url = follower!.url;
    const head = (await nodeInfo(upstream.url)).head;
    await upstream.stop();
    const rewrittenHash = await rewriteBlock(head);
    upstream = await startServer(upstreamEnvironment, upstreamPort);
    expect((await nodeInfo(upstream.url)).head.hash).toBe(rewrittenHash);

    const health = await until(async () => {
      const response = await getJson(`${url}/api/health`);
      return response.status === 503 ? response.body : undefined;
    }, "the follower's alarm");
    expect(health).toMatchObject({
      ok: false,
      follower: {
        height: 5,
        alarm: {
          height: 5,
          reason: `the node rewrote block 5: it now serves hash ${rewrittenHash}, not the ${head.hash} verified before`,
          seenHash: head.hash,
          servedHash: rewrittenHash,
        },
      },
    });
    expect(follower!.output()).toContain("!!! chainpay follower ALARM !!!");
    // The replica keeps what it verified, not the rewrite.
    expect((await nodeInfo(url)).head).toEqual(head);

    const signIn = await fetch(`${url}/api/admin/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ password: adminPassword }),
      signal: AbortSignal.timeout(30_000),
    });
    expect(signIn.status).toBe(204);
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    const explorer = await fetch(`${url}/explorer`, { headers: { cookie }, signal: AbortSignal.timeout(30_000) });
    expect(explorer.status).toBe(200);
    const html = await explorer.text();
    expect(html).toContain("Alarm: the node this replica follows rewrote its chain.");
    expect(html).toContain(`the node rewrote block 5`);

    // The other replica, which verified block 5 too, sees the rewrite on its next run.
    const run = await followOnce(onceReplica);
    expect(run.output).toContain("!!! chainpay follower ALARM !!!");
    expect(run.output).toContain(`!!! the node rewrote block 5: it now serves hash ${rewrittenHash}`);
    expect(run.code).toBe(3);
  }, 120_000);
});
