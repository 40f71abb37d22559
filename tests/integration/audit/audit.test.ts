// The audit re-verifies the stored chain from genesis, trusting nothing stored: a value changed behind the
// node's back is named at its block. Valid data, then valid data made invalid.
import { beforeAll, describe, expect, it } from "vitest";
import * as auditRoute from "@/app/api/admin/audit/route";
import * as faucetRoute from "@/app/api/faucet/route";
import * as paymentsRoute from "@/app/api/payments/route";
import type { LedgerNode } from "@/lib/server/node/context";
import { rawQuery, tamper } from "../../support/database";
import { adminToken, call, startTestNode } from "../../support/node";
import { makeWallet, signPayment } from "../../support/wallet";

let node: LedgerNode;

async function audit() {
  const response = await call(auditRoute.GET, { headers: { authorization: `Bearer ${adminToken}` } });
  expect(response.status).toBe(200);
  return response.body as {
    ok: boolean;
    height: number;
    blocks: number;
    transactions: number;
    firstBad: { height: number; reason: string } | null;
  };
}

beforeAll(async () => {
  node = await startTestNode("audit", { FAUCET_AMOUNT: "100000" });
  const alice = makeWallet();
  const bob = makeWallet();
  await call(faucetRoute.POST, { body: { account: alice.publicKey } });
  // Blocks 2..6 each hold one payment of 100 from alice to bob.
  for (let index = 0; index < 5; index++) {
    expect((await call(paymentsRoute.POST, { body: signPayment(alice, bob.publicKey, "100") })).status).toBe(201);
  }
});

describe("the audit", () => {
  it("passes on an untouched chain, counting every block and transaction", async () => {
    expect(await audit()).toEqual({ ok: true, height: 6, blocks: 7, transactions: 6, firstBad: null });
  });

  it("asks the store which of a run's txIds lie below it, in one lookup of many txIds", async () => {
    const stored = await node.store.txIdsOfBlocks(2, 7);
    expect(stored.map((row) => row.blockHeight)).toEqual([2, 3, 4, 5, 6]);
    const txIds = stored.map((row) => row.txId);
    const unknown = "ab".repeat(32);
    // More txIds than one SQLite lookup takes (500), the stored ones among them, so that chunks and padding count.
    const asked = [...Array.from({ length: 700 }, (_, index) => index.toString(16).padStart(64, "0")), ...txIds];
    expect(await node.store.txIdsBelow([...asked, unknown], 5)).toEqual(new Set(txIds.slice(0, 3)));
    expect(await node.store.txIdsBelow(txIds, 2)).toEqual(new Set());
    expect(await node.store.txIdsBelow([txIds[4]!], 7)).toEqual(new Set([txIds[4]]));
  });

  it("refuses to let the node itself rewrite a sealed transaction", async () => {
    const url = node.config.databaseUrl;
    await expect(rawQuery(url, `UPDATE "Transaction" SET "amountMinor" = 1`)).rejects.toThrow(/append-only/);
    await expect(rawQuery(url, `DELETE FROM "Block" WHERE "height" = 3`)).rejects.toThrow(/append-only/);
  });

  it("names the block whose stored transaction amount was changed behind the node's back", async () => {
    await tamper(node.config.databaseUrl, `UPDATE "Transaction" SET "amountMinor" = 1 WHERE "blockHeight" = 4`);
    const result = await audit();
    expect(result.ok).toBe(false);
    expect(result.firstBad).toEqual({ height: 4, reason: "transaction 0: its txId is not the hash of its contents" });
    expect(result.height).toBe(3);
  });

  it("names the lowest bad block when a lower one is changed too", async () => {
    await tamper(
      node.config.databaseUrl,
      // 2020-01-01T00:00:00.000Z, in the stored milliseconds.
      `UPDATE "Block" SET "timestampMs" = 1577836800000 WHERE "height" = 2`,
    );
    expect((await audit()).firstBad).toEqual({ height: 2, reason: "the block hash does not match its header" });
  });
});
