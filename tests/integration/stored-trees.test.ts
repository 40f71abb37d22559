// A block's Merkle tree is built once, when it is sealed, and its interior levels kept in the database: receipts
// read later (after a restart, for a resubmitted payment, on a follower) are the first answer byte for byte, and
// a chain sealed before the trees were stored gets them when the node is prepared.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyWithWebCrypto } from "@/lib/ledger/ed25519";
import { verifyReceipt } from "@/lib/ledger/receipt";
import type { Receipt, SignedTransaction } from "@/lib/ledger/types";
import { freshDatabaseUrl, rawQuery } from "../support/database";
import { adminToken, makeDataDir, testChainId } from "../support/node";
import { ensureBuilt, getJson, postJson, runScript, startServer, type RunningServer } from "../support/server";
import { makeWallet, signPayment } from "../support/wallet";

const payer = makeWallet();
const payee = makeWallet();
// Enough payments in one block for a tree of several interior levels (37 leaves: 6 levels).
const paymentCount = 37;

let server: RunningServer;
let environment: Record<string, string>;
let signedPayments: SignedTransaction[];
let firstReceipts: Receipt[];

type StoredTree = { height: number; levelsHex: string };

/** Every stored tree of the database, by height, as hex. */
async function storedTrees(databaseUrl: string): Promise<StoredTree[]> {
  const rows = await rawQuery<{ height: number | bigint; interiorLevels: Uint8Array }>(
    databaseUrl,
    `SELECT "height", "interiorLevels" FROM "BlockTree" ORDER BY "height"`,
  );
  return rows.map((row) => ({
    height: Number(row.height),
    levelsHex: Buffer.from(row.interiorLevels).toString("hex"),
  }));
}

async function receiptOf(txId: string): Promise<Receipt> {
  const response = await getJson(`${server.url}/api/transactions/${txId}`);
  expect(response.status).toBe(200);
  return (response.body as { receipt: Receipt }).receipt;
}

async function expectSameReceiptsAsFirst(): Promise<void> {
  for (const first of firstReceipts) {
    const read = await receiptOf(first.txId);
    // Byte for byte: the same fields, in the same order, with the same path.
    expect(JSON.stringify(read)).toBe(JSON.stringify(first));
  }
}

beforeAll(async () => {
  ensureBuilt();
  const dataDir = makeDataDir("stored-trees");
  environment = {
    DATA_DIR: dataDir,
    DATABASE_URL: await freshDatabaseUrl(dataDir, "stored_trees"),
    CHAIN_ID: testChainId,
    ADMIN_TOKEN: adminToken,
    FAUCET_AMOUNT: "100000",
    FAUCET_INTERVAL_SECONDS: "0",
  };
  server = await startServer(environment);
  expect((await postJson(`${server.url}/api/faucet`, { account: payer.publicKey })).status).toBe(201);
  signedPayments = Array.from({ length: paymentCount }, (_, index) =>
    signPayment(payer, payee.publicKey, String(index + 1), { memo: `tree ${index}` }),
  );
  const response = await postJson(`${server.url}/api/payments/batch`, { payments: signedPayments });
  expect(response.status).toBe(200);
  const { results } = response.body as { results: { created: boolean; receipt: Receipt }[] };
  expect(results.map((result) => result.created)).toEqual(signedPayments.map(() => true));
  firstReceipts = results.map((result) => result.receipt);
}, 300_000);

afterAll(async () => {
  await server.stop();
});

describe("receipts read from the stored tree", () => {
  it("seals the batch into blocks whose trees are stored, and every first answer verifies", async () => {
    const heights = new Set(firstReceipts.map((receipt) => receipt.block.header.height));
    const trees = await storedTrees(environment.DATABASE_URL!);
    const bigBlocks = firstReceipts.filter((receipt) => receipt.block.header.txCount > 2);
    expect(bigBlocks.length).toBeGreaterThan(0);
    for (const receipt of bigBlocks) {
      expect(trees.map((tree) => tree.height)).toContain(receipt.block.header.height);
    }
    expect(trees.every((tree) => heights.has(tree.height))).toBe(true);
    for (const receipt of firstReceipts) {
      expect((await verifyReceipt(receipt, receipt.nodePublicKey, verifyWithWebCrypto)).ok).toBe(true);
    }
  });

  it("answers a resubmitted payment with the first answer's receipt, byte for byte", async () => {
    const again = await postJson(`${server.url}/api/payments`, signedPayments[5]);
    expect(again.status).toBe(200);
    expect(JSON.stringify((again.body as { receipt: Receipt }).receipt)).toBe(JSON.stringify(firstReceipts[5]));
    const batch = await postJson(`${server.url}/api/payments/batch`, { payments: signedPayments.slice(0, 3) });
    const { results } = batch.body as { results: { created: boolean; receipt: Receipt }[] };
    expect(results.map((result) => result.created)).toEqual([false, false, false]);
    expect(results.map((result) => JSON.stringify(result.receipt))).toEqual(
      firstReceipts.slice(0, 3).map((receipt) => JSON.stringify(receipt)),
    );
  });

  it("serves the same receipts after a restart", async () => {
    await server.stop();
    server = await startServer(environment);
    await expectSameReceiptsAsFirst();
  }, 120_000);

  it("gives a chain sealed before the trees were stored its trees when the node is prepared, and the same receipts", async () => {
    const before = await storedTrees(environment.DATABASE_URL!);
    expect(before.length).toBeGreaterThan(0);
    await server.stop();
    // The state right after the migration: blocks sealed earlier have no stored tree.
    await rawQuery(environment.DATABASE_URL!, `DELETE FROM "BlockTree"`);
    expect(await storedTrees(environment.DATABASE_URL!)).toEqual([]);
    server = await startServer(environment);
    expect(await storedTrees(environment.DATABASE_URL!)).toEqual(before);
    await expectSameReceiptsAsFirst();
    for (const receipt of firstReceipts) {
      const read = await receiptOf(receipt.txId);
      expect((await verifyReceipt(read, read.nodePublicKey, verifyWithWebCrypto)).ok).toBe(true);
    }
  }, 120_000);

  it("refuses to rewrite a stored tree", async () => {
    const [tree] = await storedTrees(environment.DATABASE_URL!);
    await expect(
      rawQuery(
        environment.DATABASE_URL!,
        `UPDATE "BlockTree" SET "interiorLevels" = "interiorLevels" WHERE "height" = $1`,
        [tree!.height],
      ),
    ).rejects.toThrow(/never rewritten|append-only/);
  });

  it("reads a receipt's path from the stored levels: one changed byte there fails the Merkle check, nothing else", async () => {
    const [tree] = await storedTrees(environment.DATABASE_URL!);
    const receipt = firstReceipts.find((item) => item.block.header.height === tree!.height)!;
    const levels = Buffer.from(tree!.levelsHex, "hex");
    const changed = Buffer.from(levels);
    // Every stored hash is on some leaf's path; flipping a byte in each one reaches this receipt's path too.
    for (let offset = 0; offset < changed.length; offset += 32) changed[offset]! ^= 0x01;
    const replace = async (bytes: Buffer) => {
      await rawQuery(environment.DATABASE_URL!, `DELETE FROM "BlockTree" WHERE "height" = $1`, [tree!.height]);
      await rawQuery(
        environment.DATABASE_URL!,
        `INSERT INTO "BlockTree" ("height", "interiorLevels") VALUES ($1, $2)`,
        [tree!.height, bytes],
      );
    };
    await replace(changed);
    try {
      const read = await receiptOf(receipt.txId);
      const verification = await verifyReceipt(read, read.nodePublicKey, verifyWithWebCrypto);
      expect(verification.checks.filter((check) => !check.ok).map((check) => check.name)).toEqual([
        "The Merkle inclusion proof leads to the block's Merkle root",
      ]);
    } finally {
      await replace(levels);
    }
    expect(JSON.stringify(await receiptOf(receipt.txId))).toBe(JSON.stringify(receipt));
  });

  it("has a follower store the same trees for the blocks it verifies", async () => {
    const replicaDir = makeDataDir("stored-trees-replica");
    const replica = {
      DATA_DIR: replicaDir,
      DATABASE_URL: await freshDatabaseUrl(replicaDir, "stored_trees_replica"),
      ADMIN_PASSWORD: "stored-trees-admin-password",
    };
    const run = await runScript("follow.ts", [server.url, "--once"], replica, 60_000);
    expect(run.code).toBe(0);
    expect(await storedTrees(replica.DATABASE_URL)).toEqual(await storedTrees(environment.DATABASE_URL!));
  }, 120_000);
});
