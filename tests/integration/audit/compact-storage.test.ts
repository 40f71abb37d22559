// Issue 13, compact storage: a chain stored before it (hashes, keys and signatures as hex text, times as ISO 8601
// text, and the index on (blockHeight, leafIndex)) is converted in place by the migrations, on SQLite and on
// PostgreSQL. The chain here is a node's, sealed through its routes, copied row for row into a database migrated
// only up to the one before compact storage, with every such column written as the text it used to be. Once
// migrated, it reads back exactly as the node's own does, its audit passes, and the guarantees the earlier
// migrations gave still hold.
import { cpSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as batchRoute from "@/app/api/payments/batch/route";
import * as mintRoute from "@/app/api/admin/mint/route";
import { getVerifyPool } from "@/lib/crypto/verify-pool";
import { databaseKind, sqliteFilePath } from "@/lib/db/database-url";
import { auditStoredChain, type LedgerStore } from "@/lib/db/ledger-store";
import {
  applyMigrations,
  applyPostgresMigrations,
  defaultMigrationsDir,
  defaultPostgresMigrationsDir,
} from "@/lib/db/migrate";
import { openStore } from "@/lib/db/open-store";
import { ChainAuditor } from "@/lib/ledger/audit";
import type { LedgerNode } from "@/lib/server/node/context";
import { freshDatabaseUrl, rawQuery, testDatabaseKind } from "../../support/database";
import { adminToken, call, makeDataDir, startTestNode } from "../../support/node";
import { makeWallet, signPayment } from "../../support/wallet";

const compactMigration = "20261204000000_compact_storage";
const millisecondsMigration = "20261206000000_timestamp_milliseconds";

/** The columns compact storage turns from hex text into bytes, by table. */
const hexColumns: Record<string, readonly string[]> = {
  Block: ["hash", "prevHash", "merkleRoot", "signature"],
  Transaction: ["txId", "fromKey", "toKey", "signature"],
  Account: ["publicKey"],
};

/** The tables copied, parents first, each in its key's order. */
const copied = [
  ["Block", `"height"`],
  ["Transaction", `"sequence"`],
  ["BlockTree", `"height"`],
  ["Account", `"publicKey"`],
  ["LogTreeNode", `"level", "index"`],
] as const;

let source: LedgerNode;
let oldUrl: string;
let migrated: LedgerStore;
let appliedOnOpen: string[];

/** A copy of the checked-in migrations before compact storage: what a node installed before it had applied. */
function migrationsBeforeCompact(): string {
  const all = testDatabaseKind() === "postgres" ? defaultPostgresMigrationsDir() : defaultMigrationsDir();
  const earlier = mkdtempSync(path.join(tmpdir(), "chainpay-migrations-"));
  for (const name of readdirSync(all)) {
    if (name < compactMigration) cpSync(path.join(all, name), path.join(earlier, name), { recursive: true });
  }
  return earlier;
}

async function migrateUpTo(url: string, migrationsDir: string): Promise<void> {
  if (databaseKind(url) === "postgres") {
    const pool = new pg.Pool({ connectionString: url });
    try {
      await applyPostgresMigrations(pool, migrationsDir);
    } finally {
      await pool.end();
    }
    return;
  }
  const database = new Database(sqliteFilePath(url));
  try {
    applyMigrations(database, migrationsDir);
  } finally {
    database.close();
  }
}

/**
 * A stored column as the old schema held it: bytes of a converted column as lowercase hex, and the time, stored now
 * as milliseconds since the epoch, as its ISO 8601 text under its old name.
 */
function asBefore(table: string, column: string, value: unknown): [string, unknown] {
  if (column === "timestampMs") return ["timestamp", new Date(Number(value)).toISOString()];
  if (!(hexColumns[table] ?? []).includes(column)) return [column, value];
  expect(value).toBeInstanceOf(Uint8Array);
  return [column, Buffer.from(value as Uint8Array).toString("hex")];
}

/** Copies the source node's chain into the old-schema database, a row per statement, as the old node wrote it. */
async function copyChainAsBefore(): Promise<void> {
  for (const [table, order] of copied) {
    const rows = await rawQuery(source.config.databaseUrl, `SELECT * FROM "${table}" ORDER BY ${order}`);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const old = Object.entries(row).map(([column, value]) => asBefore(table, column, value));
      const names = old.map(([column]) => `"${column}"`).join(", ");
      const placeholders = old.map((_, index) => `$${index + 1}`).join(", ");
      await rawQuery(
        oldUrl,
        `INSERT INTO "${table}" (${names}) VALUES (${placeholders})`,
        old.map(([, value]) => value),
      );
    }
  }
}

/** Bytes the database takes for what it stores: SQLite's pages in use, PostgreSQL's chain tables with indexes. */
async function storedBytes(url: string): Promise<number> {
  const sql =
    databaseKind(url) === "postgres"
      ? `SELECT sum(pg_total_relation_size(c.oid)) AS "bytes" FROM pg_class c
         WHERE c.relname IN ('Block', 'Transaction', 'BlockTree', 'Account', 'LogTreeNode') AND c.relkind = 'r'`
      : `SELECT p."page_count" * s."page_size" AS "bytes" FROM pragma_page_count() p, pragma_page_size() s`;
  const [row] = await rawQuery<{ bytes: bigint | string | number }>(url, sql);
  return Number(row!.bytes);
}

/** The indexes on the chain's tables, by name. */
async function indexNames(url: string): Promise<string[]> {
  const sql =
    databaseKind(url) === "postgres"
      ? `SELECT "indexname" AS "name" FROM pg_indexes WHERE "tablename" IN ('Block', 'Transaction', 'Account')`
      : `SELECT "name" FROM sqlite_master WHERE "type" = 'index' AND "tbl_name" IN ('Block', 'Transaction', 'Account')`;
  return (await rawQuery<{ name: string }>(url, sql)).map((row) => row.name).sort();
}

beforeAll(async () => {
  source = await startTestNode("compact-source");
  const bearer = { authorization: `Bearer ${adminToken}` };
  const payers = [makeWallet(), makeWallet(), makeWallet()];
  for (const payer of payers) {
    const mint = await call(mintRoute.POST, { body: { account: payer.publicKey, amount: "100000" }, headers: bearer });
    expect(mint.status).toBe(201);
  }
  // Blocks of one, two and many transactions: the stored trees and the receipts' paths of each kind.
  for (const count of [1, 2, 9, 30]) {
    const payments = Array.from({ length: count }, (_, index) =>
      signPayment(payers[index % 3]!, payers[(index + 1) % 3]!.publicKey, String(index + 1), { memo: `memo ${index}` }),
    );
    const response = await call(batchRoute.POST, { body: { payments } });
    expect(response.status).toBe(200);
  }
  oldUrl = await freshDatabaseUrl(makeDataDir("compact-old"), "compact_old");
  await migrateUpTo(oldUrl, migrationsBeforeCompact());
  await copyChainAsBefore();
  const [before] = await rawQuery<{ txId: unknown; timestamp: unknown }>(
    oldUrl,
    `SELECT "txId", "timestamp" FROM "Transaction" LIMIT 1`,
  );
  expect(before!.txId).toMatch(/^[0-9a-f]{64}$/);
  expect(before!.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  // As `npm start` prepares a node: the migrations not yet applied, then any missing trees and log nodes.
  migrated = await openStore(oldUrl, { migrate: true, serve: false });
  appliedOnOpen = (
    await rawQuery<{ name: string }>(oldUrl, `SELECT "migration_name" AS "name" FROM "_prisma_migrations"`)
  )
    .map((row) => row.name)
    .sort();
}, 120_000);

afterAll(async () => {
  await migrated?.close();
});

describe("the compact storage migration on a chain stored before it", () => {
  it("was applied, and stores the hashes, keys and signatures as their bytes", async () => {
    expect(appliedOnOpen).toContain(compactMigration);
    const [row] = await rawQuery<Record<string, unknown>>(
      oldUrl,
      `SELECT t."txId", t."fromKey", t."signature", b."hash", a."publicKey"
       FROM "Transaction" t JOIN "Block" b ON b."height" = t."blockHeight", "Account" a LIMIT 1`,
    );
    expect(Object.values(row!).map((value) => (value as Uint8Array).length)).toEqual([32, 32, 64, 32, 32]);
  });

  it("was applied after it, and stores each time as its milliseconds since the epoch", async () => {
    expect(appliedOnOpen).toContain(millisecondsMigration);
    // pg reads a bigint as a decimal string and better-sqlite3 (safe integers) as a bigint: BigInt takes either.
    const stored = await rawQuery<{ height: unknown; timestampMs: unknown }>(
      oldUrl,
      `SELECT "height", "timestampMs" FROM "Block" ORDER BY "height"`,
    );
    const head = (await source.store.head())!.header.height;
    const blocks = await source.store.blocksWithTransactions(0, head + 1);
    expect(stored.map((row) => [Number(row.height), BigInt(row.timestampMs as string)])).toEqual(
      blocks.map(({ block }) => [block.header.height, BigInt(Date.parse(block.header.timestamp))]),
    );
    const transactions = await rawQuery<{ timestampMs: unknown }>(
      oldUrl,
      `SELECT "timestampMs" FROM "Transaction" ORDER BY "sequence"`,
    );
    expect(transactions.map((row) => BigInt(row.timestampMs as string))).toEqual(
      blocks.flatMap(({ transactions: txs }) => txs.map(({ tx }) => BigInt(Date.parse(tx.timestamp)))),
    );
  });

  it("takes no more room than the same chain stored compact from the start", async () => {
    // SQLite keeps the old tables' pages in the file until it is rebuilt; PostgreSQL's ALTER rewrites each table.
    expect(await storedBytes(oldUrl)).toBeLessThanOrEqual((await storedBytes(source.config.databaseUrl)) * 1.1);
  });

  it("reads every block and transaction back as the node's own store does", async () => {
    const head = (await source.store.head())!.header.height;
    expect(head).toBeGreaterThanOrEqual(5);
    expect((await migrated.head())!).toEqual(await source.store.head());
    expect(await migrated.blocksWithTransactions(0, head + 1)).toEqual(
      await source.store.blocksWithTransactions(0, head + 1),
    );
    expect(await migrated.queries.chainTotals()).toEqual(await source.store.queries.chainTotals());
    const hash = (await source.store.blockAt(6))!.hash;
    expect(await migrated.queries.blockWithRows({ hash })).toEqual(await source.store.queries.blockWithRows({ hash }));
  });

  it("answers balances, account pages, receipts and prefix searches as before", async () => {
    const head = (await source.store.head())!.header.height;
    const blocks = await source.store.blocksWithTransactions(0, head + 1);
    const txIds = blocks.flatMap((item) => item.transactions.map(({ txId }) => txId));
    const accounts = [...new Set(blocks.flatMap((item) => item.transactions.map(({ tx }) => tx.to)))];
    for (const account of accounts) {
      expect(await migrated.balanceOf(account)).toBe(await source.store.balanceOf(account));
      expect(await migrated.queries.accountRows(account, undefined, 50)).toEqual(
        await source.store.queries.accountRows(account, undefined, 50),
      );
      expect(await migrated.accountBlockHeights(account)).toEqual(await source.store.accountBlockHeights(account));
      expect(await migrated.accountTransactions(account, 0, head + 1)).toEqual(
        await source.store.accountTransactions(account, 0, head + 1),
      );
      expect(await migrated.queries.keysWithPrefix(account.slice(0, 5), 20)).toEqual(
        await source.store.queries.keysWithPrefix(account.slice(0, 5), 20),
      );
    }
    expect(await migrated.storedReceipts(txIds)).toEqual(await source.store.storedReceipts(txIds));
    for (const txId of txIds.slice(-12)) {
      expect(await migrated.storedReceipt(txId)).toEqual(await source.store.storedReceipt(txId));
    }
    expect(await migrated.logRoot(head + 1)).toEqual(await source.store.logRoot(head + 1));
  });

  it("passes the node's full audit, stored trees and log included", async () => {
    const auditor = new ChainAuditor(source.nodePublicKey, {
      earlierTxIds: (txIds, height) => migrated.txIdsBelow(txIds, height),
    });
    const head = (await source.store.head())!.header.height;
    const result = await auditStoredChain(migrated, auditor, head, (checks) => getVerifyPool().verify(checks));
    expect(result).toMatchObject({ ok: true, height: head, firstBad: null });
  });

  it("keeps the indexes reads need (an account's on its key's prefix), drops those none does, and keeps the chain append-only", async () => {
    const names = await indexNames(oldUrl);
    expect(names).toEqual(await indexNames(source.config.databaseUrl));
    expect(names).toEqual(expect.arrayContaining(["Block_hash_key", "Block_prevHash_key", "Transaction_txId_key"]));
    expect(names).toEqual(expect.arrayContaining(["Transaction_fromKey_prefix_idx", "Transaction_toKey_prefix_idx"]));
    expect(names).not.toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Transaction_(fromKey|toKey)_sequence_idx$|blockHeight_leafIndex/),
      ]),
    );
    await expect(rawQuery(oldUrl, `UPDATE "Transaction" SET "amountMinor" = 1`)).rejects.toThrow(/append-only/);
    await expect(rawQuery(oldUrl, `DELETE FROM "Block" WHERE "height" = 1`)).rejects.toThrow(/append-only/);
    await expect(
      rawQuery(oldUrl, `INSERT INTO "Account" ("publicKey", "balanceMinor") VALUES ($1, -1)`, [Buffer.alloc(32, 7)]),
    ).rejects.toThrow(/check/i);
  });

  it("keeps the chain totals' triggers: a new account is counted", async () => {
    const before = (await migrated.queries.chainTotals()).accounts;
    await rawQuery(oldUrl, `INSERT INTO "Account" ("publicKey", "balanceMinor") VALUES ($1, 0)`, [Buffer.alloc(32, 9)]);
    expect((await migrated.queries.chainTotals()).accounts).toBe(before + 1);
  });
});
