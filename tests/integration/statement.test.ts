// The holder's statement from a real `next start` node: built as the wallet builds it (the account's history
// page by page, past the 100 of one page, and each receipt from the public API, verified against the node key),
// written to a file, and checked by `npm run verify -- --file`: exit 0 with the totals; 1 for a changed entry or
// another node key; the node key may be left out (with a warning), since the statement names its own.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyWithWebCrypto } from "@/lib/ledger/ed25519";
import { verifyReceipt } from "@/lib/ledger/receipt";
import type { Receipt } from "@/lib/ledger/types";
import type { Statement } from "@/lib/validations/statement";
import { collectStatementReceipts, type StatementProgress } from "@/lib/wallet/statement/collect-statement";
import { buildStatement } from "@/lib/wallet/statement/statement-document";
import { makeDataDir, testChainId } from "../support/node";
import { getJson, postJson, runScript, startFreshServer, type RunningServer } from "../support/server";
import { makeWallet, signPayment } from "../support/wallet";

let server: RunningServer;
let nodePublicKey: string;
const alice = makeWallet();
const bob = makeWallet();
const fileDir = makeDataDir("statement-files");
// More than one page of history (100), so that the statement is read page by page.
const smallPayments = 110;

beforeAll(async () => {
  server = await startFreshServer("statement", { FAUCET_AMOUNT: "100000", FAUCET_INTERVAL_SECONDS: "0" });
  nodePublicKey = ((await getJson(`${server.url}/api/node`)).body as { nodePublicKey: string }).nodePublicKey;
  expect((await postJson(`${server.url}/api/faucet`, { account: alice.publicKey })).status).toBe(201);
  const payments = Array.from({ length: smallPayments }, (_, index) =>
    signPayment(alice, bob.publicKey, String(index + 1), { memo: index === 0 ? "=1+2" : `n${index}` }),
  );
  expect((await postJson(`${server.url}/api/payments/batch`, { payments })).status).toBe(200);
  expect((await postJson(`${server.url}/api/payments`, signPayment(bob, alice.publicKey, "5"))).status).toBe(201);
}, 300_000);

afterAll(async () => {
  await server.stop();
});

async function statementOf(range: { from: string; to: string }): Promise<{ statement: Statement; pages: number }> {
  let pages = 0;
  const result = await collectStatementReceipts({
    account: alice.publicKey,
    range,
    storedReceipt: () => null,
    isReceiptVerified: async (receipt: Receipt) =>
      (await verifyReceipt(receipt, nodePublicKey, verifyWithWebCrypto)).ok,
    onProgress: (progress: StatementProgress) => {
      if (progress.phase === "history") pages = progress.pagesRead;
    },
    fetchJson: async (pathAndQuery) => (await getJson(`${server.url}${pathAndQuery}`)).body,
  });
  if (result.kind !== "ok") throw new Error(`collecting failed: ${result.reason}`);
  expect(result.isTruncated).toBe(false);
  const statement = buildStatement({
    account: alice.publicKey,
    chainId: testChainId,
    nodePublicKey,
    currency: { code: "USD", decimals: 2 },
    range,
    receipts: result.receipts,
    createdAt: new Date().toISOString(),
  });
  return { statement, pages };
}

let fileCount = 0;
function verifyCommand(statement: unknown, nodeKey: string | null = nodePublicKey) {
  const file = path.join(fileDir, `statement-${fileCount++}.json`);
  writeFileSync(file, JSON.stringify(statement, null, 2));
  return runScript("verify.ts", ["--file", file, ...(nodeKey === null ? [] : ["--node-key", nodeKey])]);
}

const aroundNow = () => ({
  from: new Date(Date.now() - 3_600_000).toISOString(),
  to: new Date(Date.now() + 3_600_000).toISOString(),
});

describe("a statement from a real node", () => {
  it("holds every payment of the range, read over two pages, and npm run verify -- --file accepts it", async () => {
    const { statement, pages } = await statementOf(aroundNow());
    expect(pages).toBe(2);
    const sentMinor = (smallPayments * (smallPayments + 1)) / 2;
    expect(statement.totals).toEqual({
      count: smallPayments + 2,
      incoming: "100005",
      outgoing: String(sentMinor),
      net: String(100005 - sentMinor),
    });
    const run = await verifyCommand(statement);
    expect(run.output).toContain(
      `OK: statement of account ${alice.publicKey} verifies: ${smallPayments + 2} payments from ${statement.range.from}`,
    );
    expect(run.code).toBe(0);
  });

  it("verifies without --node-key, trusting the statement's own key, and says so", async () => {
    const run = await verifyCommand((await statementOf(aroundNow())).statement, null);
    expect(run.output).toContain("warning: no --node-key given; trusting the key the statement names");
    expect(run.code).toBe(0);
  });

  it("holds nothing from a range before the account's first payment, and that verifies too", async () => {
    const { statement } = await statementOf({ from: "2026-01-01T00:00:00.000Z", to: "2026-01-02T00:00:00.000Z" });
    expect(statement.totals).toEqual({ count: 0, incoming: "0", outgoing: "0", net: "0" });
    expect((await verifyCommand(statement)).code).toBe(0);
  });

  it("fails (exit 1) a changed memo, naming the entry, and another node key", async () => {
    const { statement } = await statementOf(aroundNow());
    const changed = { ...statement, entries: statement.entries.map((entry) => ({ ...entry })) };
    changed.entries[3]!.memo = "changed";
    const run = await verifyCommand(changed);
    expect(run.output).toContain(
      `FAILED: entry 3 (${statement.entries[3]!.txId}): its fields are not what its receipt says`,
    );
    expect(run.code).toBe(1);
    const otherKey = await verifyCommand(statement, bob.publicKey);
    expect(otherKey.output).toContain(`FAILED: the statement names node key ${nodePublicKey}, not the key given`);
    expect(otherKey.code).toBe(1);
  });
});
