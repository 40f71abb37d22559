// Receipts read their audit paths from each block's stored Merkle tree, so the audit checks those trees too: a
// stored tree that is not the one the block's transactions make is a bad block, named with its height, even
// though the block itself still verifies. Valid data, then valid data made invalid, then restored.
import { beforeAll, describe, expect, it } from "vitest";
import * as auditRoute from "@/app/api/admin/audit/route";
import * as faucetRoute from "@/app/api/faucet/route";
import * as batchRoute from "@/app/api/payments/batch/route";
import type { LedgerNode } from "@/lib/server/node/context";
import { rawQuery } from "../../support/database";
import { adminToken, call, startTestNode } from "../../support/node";
import { makeWallet, signPayment } from "../../support/wallet";

let node: LedgerNode;
let treeHeight: number;
let storedLevels: Buffer;

async function audit() {
  const response = await call(auditRoute.GET, { headers: { authorization: `Bearer ${adminToken}` } });
  expect(response.status).toBe(200);
  return response.body as { ok: boolean; height: number; firstBad: { height: number; reason: string } | null };
}

/** Stored trees are never rewritten (a trigger refuses an UPDATE), so a changed one is deleted and added again. */
async function replaceTree(height: number, levels: Buffer): Promise<void> {
  await rawQuery(node.config.databaseUrl, `DELETE FROM "BlockTree" WHERE "height" = $1`, [height]);
  await rawQuery(node.config.databaseUrl, `INSERT INTO "BlockTree" ("height", "interiorLevels") VALUES ($1, $2)`, [
    height,
    levels,
  ]);
}

beforeAll(async () => {
  node = await startTestNode("audit-trees", { FAUCET_AMOUNT: "100000" });
  const alice = makeWallet();
  const bob = makeWallet();
  await call(faucetRoute.POST, { body: { account: alice.publicKey } });
  // Five payments in one batch: a block of more than two transactions, whose tree has interior levels to store.
  const payments = Array.from({ length: 5 }, (_, index) => signPayment(alice, bob.publicKey, String(index + 1)));
  expect((await call(batchRoute.POST, { body: { payments } })).status).toBe(200);
  const rows = await rawQuery<{ height: number | bigint; interiorLevels: Uint8Array }>(
    node.config.databaseUrl,
    `SELECT "height", "interiorLevels" FROM "BlockTree" ORDER BY "height" DESC`,
  );
  expect(rows.length).toBeGreaterThan(0);
  treeHeight = Number(rows[0]!.height);
  storedLevels = Buffer.from(rows[0]!.interiorLevels);
});

describe("the audit of stored trees", () => {
  it("passes while every stored tree is its block's", async () => {
    const result = await audit();
    expect(result.ok).toBe(true);
    expect(result.firstBad).toBeNull();
  });

  it("names the block whose stored tree had one byte changed, and passes again once it is restored", async () => {
    const changed = Buffer.from(storedLevels);
    changed[0]! ^= 0x01;
    await replaceTree(treeHeight, changed);
    try {
      const result = await audit();
      expect(result.ok).toBe(false);
      expect(result.firstBad).toEqual({
        height: treeHeight,
        reason: "its stored Merkle tree is not the tree of its transactions' txIds",
      });
      expect(result.height).toBe(treeHeight - 1);
    } finally {
      await replaceTree(treeHeight, storedLevels);
    }
    expect((await audit()).ok).toBe(true);
  });
});
