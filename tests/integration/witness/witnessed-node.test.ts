// A node and its witness, both real processes, end to end: the policy written by `npm run policy` from the
// witness's GET /api/witness, the node's cosigning loop sending its checkpoints to the witness, and the node
// serving a checkpoint the witness cosigned. The witness's state follows the node's log and never goes back.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabaseUrl } from "../../support/database";
import { adminToken, makeDataDir, testChainId } from "../../support/node";
import { ensureBuilt, postJson, runScript, startServer, type RunningServer } from "../../support/server";
import { makeWallet, signPayment } from "../../support/wallet";
import { startWitness, until, witnessStatus, type WitnessProcess } from "./witness-processes";

let node: RunningServer;
let nodeEnvironment: Record<string, string>;
let witness: WitnessProcess;
const payer = makeWallet();
const payee = makeWallet();

async function pay(amount: string): Promise<void> {
  expect((await postJson(`${node.url}/api/payments`, signPayment(payer, payee.publicKey, amount))).status).toBe(201);
}

beforeAll(async () => {
  ensureBuilt();
  const dataDir = makeDataDir("witnessed-by-one");
  nodeEnvironment = {
    DATA_DIR: dataDir,
    DATABASE_URL: await freshDatabaseUrl(dataDir, "witnessed_by_one"),
    CHAIN_ID: testChainId,
    ADMIN_TOKEN: adminToken,
    FAUCET_AMOUNT: "100000",
    FAUCET_INTERVAL_SECONDS: "0",
    COSIGN_INTERVAL_MS: "200",
  };
  node = await startServer(nodeEnvironment);
  expect((await postJson(`${node.url}/api/faucet`, { account: payer.publicKey })).status).toBe(201);
  witness = await startWitness(node.url, "witness-of-node");
}, 300_000);

afterAll(async () => {
  await witness?.stop();
  await node?.stop();
});

describe("a node with a witness in its policy", () => {
  it("gets its checkpoints cosigned by the witness and serves them", async () => {
    const policyFile = path.join(makeDataDir("witnessed-policy"), "policy.txt");
    const written = await runScript("write-policy.ts", ["--quorum", "1", witness.url, "--out", policyFile]);
    expect(written.code).toBe(0);
    const port = new URL(node.url).port;
    await node.stop();
    node = await startServer({ ...nodeEnvironment, WITNESS_POLICY: policyFile }, Number(port));
    await pay("10");
    const { name } = await witnessStatus(witness);
    const checkpoint = await until(async () => {
      const response = await fetch(`${node.url}/api/log/checkpoint`, { signal: AbortSignal.timeout(5_000) });
      const text = await response.text();
      return response.status === 200 && text.includes(`\n— ${name} `) ? text : undefined;
    }, "a checkpoint cosigned by the witness");
    const size = Number(checkpoint.split("\n")[1]);
    expect(size).toBeGreaterThanOrEqual(3);
    const status = await witnessStatus(witness);
    expect(status.alarm).toBeNull();
    expect(status.cosigned!.size).toBeGreaterThanOrEqual(size);
    // The log grows and the witness follows it, never back.
    await pay("20");
    await pay("30");
    await until(
      async () => ((await witnessStatus(witness)).cosigned!.size >= size + 2 ? true : undefined),
      "the witness to cosign the grown log",
    );
  }, 180_000);
});
