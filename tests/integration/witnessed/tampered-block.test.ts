// A validating witness: in front of an honest node, a proxy serves one block with a transaction changed (the
// header, and so the log's leaf, untouched). A checkpoint the node key really signed, with the log's true root,
// is refused 422 with a message naming that block, the witness raises its alarm, and it cosigns nothing past it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Receipt } from "@/lib/ledger/types";
import { testDatabaseKind } from "../../support/database";
import { adminToken, makeDataDir, testChainId } from "../../support/node";
import { ensureBuilt, getJson, postJson, startServer, type RunningServer } from "../../support/server";
import { makeWallet, signPayment } from "../../support/wallet";
import { startRewritingProxy, type RewritingProxy } from "../../support/witnessed-proxy";
import { databaseUrlFor, makeWitness, type WitnessProcess } from "../../support/witnessed-network";
import {
  addCheckpoint,
  addCheckpointBody,
  cosignedSize,
  logLeaves,
  nodeSigner,
  signedCheckpoint,
  until,
  witnessState,
} from "../../support/witnessed-log";

let node: RunningServer;
let nodeDataDir: string;
let proxy: RewritingProxy;
let witness: WitnessProcess;
let tamperedHeight: number;
const payer = makeWallet();
const payee = makeWallet();

async function pay(amount: string): Promise<Receipt> {
  const response = await postJson(`${node.url}/api/payments`, signPayment(payer, payee.publicKey, amount));
  expect(response.status).toBe(201);
  return (response.body as { receipt: Receipt }).receipt;
}

beforeAll(async () => {
  ensureBuilt();
  nodeDataDir = makeDataDir("witnessed-tampered");
  node = await startServer({
    DATA_DIR: nodeDataDir,
    DATABASE_URL: await databaseUrlFor(testDatabaseKind(), nodeDataDir, "witnessed-tampered"),
    CHAIN_ID: testChainId,
    ADMIN_TOKEN: adminToken,
    FAUCET_AMOUNT: "100000",
    FAUCET_INTERVAL_SECONDS: "0",
  });
  proxy = await startRewritingProxy(node.url);
  expect((await postJson(`${node.url}/api/faucet`, { account: payer.publicKey })).status).toBe(201);
  await pay("3");
  // The witness follows the proxy, and verifies the honest history first.
  witness = await makeWitness("w1", proxy.url, testDatabaseKind(), "witnessed-tampered");
  await witness.start();
}, 300_000);

afterAll(async () => {
  await Promise.allSettled([witness?.stop(), proxy?.stop(), node?.stop()]);
});

describe("a witness shown a block that breaks a rule", () => {
  it("refuses the node's own checkpoint over it with 422 naming the block, and raises its alarm", async () => {
    const head = ((await getJson(`${node.url}/api/node`)).body as { head: { header: { height: number } } }).head;
    tamperedHeight = head.header.height + 1;
    proxy.rewrite(`/api/blocks/${tamperedHeight}`, (body) => {
      const parsed = JSON.parse(body) as { transactions: { tx: { amount: string } }[] };
      parsed.transactions[0]!.tx.amount = "700000";
      return JSON.stringify(parsed);
    });
    const receipt = await pay("7");
    expect(receipt.block.header.height).toBe(tamperedHeight);
    await pay("8");

    const size = tamperedHeight + 2;
    const leaves = await logLeaves(node.url, size);
    // Nobody has sent this witness a checkpoint yet (the node has no policy): `old 0`, no proof.
    expect(await cosignedSize(witness.url)).toBe(0);
    const note = signedCheckpoint(leaves, size, [nodeSigner(nodeDataDir)]);
    const refused = await addCheckpoint(witness.submissionUrl, addCheckpointBody(0, [], note));
    expect(refused.status, refused.text).toBe(422);
    expect(refused.contentType).toBe("text/plain; charset=utf-8");
    expect(refused.text).toMatch(new RegExp(`block ${tamperedHeight}\\b`));
    expect(refused.text).not.toContain("—");

    const state = await until(async () => {
      const current = await witnessState(witness.url);
      return current.alarm === null ? undefined : current;
    }, "the witness's alarm");
    expect(JSON.stringify(state.alarm)).toMatch(new RegExp(`block ${tamperedHeight}\\b`));
    expect((await getJson(`${witness.url}/api/health`)).status).toBe(503);
    expect(await cosignedSize(witness.url)).toBe(0);
  }, 120_000);
});
