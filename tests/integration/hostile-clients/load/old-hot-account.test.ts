// An old hot account on a chain with statistics: a page of its history still costs the page. The case that
// hot-account.test.ts cannot show on its small chain, and that a node meets after an operator's ANALYZE (or
// PostgreSQL's autovacuum) on a large one: an account that was busy long ago, with many rows sealed since. Planned
// on the figures alone, a page `ORDER BY "sequence" DESC LIMIT n` may be served by walking the primary key
// backwards and filtering, which reads every row sealed since the account's last one (measured on PostgreSQL:
// 203,033 rows for a page; README, Speed). Here the chain is written straight into a migrated database in SQL
// (20,000 rows of the hot account in the first blocks, 200,000 between 3,000 other accounts after; the rows need
// not be signed for a plan), the tables analyzed, and each statement of the explorer's read of the account
// explained as the database plans it, with nothing priced out. The old query of the same rows is refused by the
// same check, so it has teeth.
import { beforeAll, describe, expect, it } from "vitest";
import { databaseKind } from "@/lib/db/database-url";
import { readConfig } from "@/lib/server/node/env";
import { prepareNode } from "@/lib/server/node/prepare-node";
import { freshDatabaseUrl, rawQuery } from "../../../support/database";
import { makeDataDir } from "../../../support/node";
import { expectBounded, statementsOf, unboundedSteps } from "../../../support/query-plans";
import { makeWallet } from "../../../support/wallet";

const hot = makeWallet();
const hotBlocks = 20;
const laterBlocks = 200;
const accountsLater = 3000;
const pageLimit = 21;
let url: string;

/**
 * The chain's rows after genesis, in SQL of each database: blocks 1 to 20 all the hot account's (it pays on even
 * leaves and is paid on odd ones), blocks 21 to 220 between the other accounts. `$1` is the hot key's hex.
 */
function chainSql(kind: "sqlite" | "postgres"): string[] {
  const last = hotBlocks + laterBlocks;
  // A key, txId or hash of n: n's digits in hex, padded, then a marker of its kind; distinct for distinct n.
  const bytes =
    kind === "sqlite"
      ? (n: string, digits: number, tail: string) => `unhex(printf('%0${digits}x', ${n}) || '${tail}')`
      : (n: string, digits: number, tail: string) => `decode(lpad(to_hex(${n}), ${digits}, '0') || '${tail}', 'hex')`;
  const hotKey = kind === "sqlite" ? "unhex($1)" : "decode($1, 'hex')";
  // An account's prefix is its number times a constant modulo a prime: spread over the index, never equal.
  const other = (n: string) => bytes(`((${n}) % ${accountsLater}) * 2654435761 % 4294967291 + 1`, 16, "ab".repeat(24));
  const zeros = (length: number) =>
    kind === "sqlite" ? `zeroblob(${length})` : `decode(repeat('00', ${length}), 'hex')`;
  const rows =
    kind === "sqlite"
      ? `WITH RECURSIVE n(i) AS (SELECT 1000 UNION ALL SELECT i + 1 FROM n WHERE i < ${(last + 1) * 1000 - 1})`
      : `WITH n(i) AS (SELECT generate_series(1000, ${(last + 1) * 1000 - 1}))`;
  const height = kind === "sqlite" ? "i / 1000" : "(i / 1000)::int";
  const leaf = kind === "sqlite" ? "i % 1000" : "(i % 1000)::int";
  const blocks =
    kind === "sqlite"
      ? `WITH RECURSIVE b(h) AS (SELECT 1 UNION ALL SELECT h + 1 FROM b WHERE h < ${last})`
      : `WITH b(h) AS (SELECT generate_series(1, ${last}))`;
  return [
    `${blocks} INSERT INTO "Block" ("height", "hash", "prevHash", "version", "chainId", "merkleRoot", "txCount",
       "timestampMs", "signature")
     SELECT h, ${bytes("h", 60, "b1b1")}, ${bytes("h", 60, "b2b2")}, 1,
       (SELECT "chainId" FROM "Block" WHERE "height" = 0), ${zeros(32)}, 1000, 1796300000000 + h, ${zeros(64)} FROM b`,
    `${rows} INSERT INTO "Transaction" ("sequence", "txId", "blockHeight", "leafIndex", "type", "fromKey", "toKey",
       "amountMinor", "memo", "timestampMs", "signature")
     SELECT i, ${bytes("i", 60, "7777")}, ${height}, ${leaf}, 'payment',
       CASE WHEN i < ${(hotBlocks + 1) * 1000} AND i % 2 = 0 THEN ${hotKey} ELSE ${other("i")} END,
       CASE WHEN i < ${(hotBlocks + 1) * 1000} AND i % 2 = 1 THEN ${hotKey} ELSE ${other("i * 7 + 1")} END,
       1, NULL, 1796300000000 + i / 1000, ${zeros(64)} FROM n`,
    "ANALYZE",
  ];
}

beforeAll(async () => {
  const dataDir = makeDataDir("old-hot-account");
  url = await freshDatabaseUrl(dataDir, "old_hot_account");
  const prepared = await prepareNode(
    readConfig({ DATA_DIR: dataDir, DATABASE_URL: url, CHAIN_ID: "chainpay-test", NODE_ENV: "test" }),
  );
  await prepared.store.close();
  for (const sql of chainSql(databaseKind(url))) await rawQuery(url, sql, sql.includes("$1") ? [hot.publicKey] : []);
}, 120_000);

describe("an account busy long ago, on a chain with statistics", () => {
  it("holds what the test wrote: the hot account's rows, all in the first blocks, and the others after", async () => {
    const [counts] = await rawQuery<{ hotRows: unknown; rows: unknown; hotLast: unknown }>(
      url,
      `SELECT (SELECT count(*) FROM "Transaction" WHERE "fromKey" = $1 OR "toKey" = $1) AS "hotRows",
              (SELECT count(*) FROM "Transaction") AS "rows",
              (SELECT max("blockHeight") FROM "Transaction" WHERE "fromKey" = $1 OR "toKey" = $1) AS "hotLast"`,
      [Buffer.from(hot.publicKey, "hex")],
    );
    expect([Number(counts!.hotRows), Number(counts!.rows), Number(counts!.hotLast)]).toEqual([
      hotBlocks * 1000,
      (hotBlocks + laterBlocks) * 1000,
      hotBlocks,
    ]);
  });

  it.each([
    ["its first page", undefined],
    ["a page below a cursor in its blocks", 10_500],
    ["a page below a cursor past its blocks", 150_000],
  ])("reads %s from the account indexes, a page's rows and no more", async (_name, before) => {
    await expectBounded(url, (reads) => reads.accountRows(hot.publicKey, before, pageLimit), pageLimit, "as-planned");
    await statementsOf(url, async (reads) => {
      const rows = await reads.accountRows(hot.publicKey, before, pageLimit);
      expect(rows).toHaveLength(pageLimit);
      expect(rows.every((row) => row.blockHeight <= hotBlocks)).toBe(true);
    });
  });

  it("reads an account of the later blocks the same way", async () => {
    // Account 5's key, as the SQL above writes it.
    const prefix = ((5 * 2654435761) % 4294967291) + 1;
    const key = prefix.toString(16).padStart(16, "0") + "ab".repeat(24);
    await expectBounded(url, (reads) => reads.accountRows(key, undefined, pageLimit), pageLimit, "as-planned");
  });

  it("the check has teeth: the hot account's page in sequence order by its whole key alone is refused", async () => {
    const [query, ...others] = await statementsOf(url, (_reads, client) =>
      client.transaction.findMany({
        where: { fromKey: Buffer.from(hot.publicKey, "hex") },
        orderBy: { sequence: "desc" },
        take: pageLimit,
      }),
    );
    expect(others).toEqual([]);
    expect(await unboundedSteps(url, query!, pageLimit, "as-planned")).not.toEqual([]);
  });
});
