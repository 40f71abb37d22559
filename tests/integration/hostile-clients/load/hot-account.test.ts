// Hot accounts: a page of an account's history, a prefix search and the explorer's figures cost the page, not
// the data stored. Shown functionally on the database under test: the SQL that Prisma really sends for each read
// is captured and explained; its plan must read an index range in order and stop (no full scan, no sort, no rows
// read and thrown away; on PostgreSQL, EXPLAIN ANALYZE also counts the rows each scan returned). The old `fromKey
// OR toKey` query fails the same check, so the check has teeth. Paging stays correct across blocks and cursors.
import Database from "better-sqlite3";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import * as accountsRoute from "@/app/api/accounts/[publicKey]/route";
import * as mintRoute from "@/app/api/admin/mint/route";
import * as batchRoute from "@/app/api/payments/batch/route";
import { databaseKind, sqliteFilePath } from "@/lib/db/database-url";
import { newestFirst } from "@/lib/db/prisma-reads";
import { sqliteOutboxInsertSql } from "@/lib/db/records/webhook-outbox-sql";
import { toSqlite } from "@/lib/db/sqlite-store";
import type { LedgerNode } from "@/lib/server/node/context";
import { rawQuery } from "../../../support/database";
import {
  expectBounded as expectBoundedIn,
  planNodes,
  type PlanNode,
  type Query,
  type Reads,
  statementsOf as statementsIn,
  unboundedSteps,
} from "../../../support/query-plans";
import { adminToken, call, startTestNode } from "../../../support/node";
import { makeWallet, signPayment } from "../../../support/wallet";

const bearer = { authorization: `Bearer ${adminToken}` };
const hot = makeWallet();
const other = makeWallet();
const cold = makeWallet();
const pageLimit = 7;
let node: LedgerNode;

const statementsOf = (read: Parameters<typeof statementsIn>[1]) => statementsIn(node.config.databaseUrl, read);
const expectBounded = (read: (reads: Reads) => Promise<unknown>, rowsMax: number) =>
  expectBoundedIn(node.config.databaseUrl, read, rowsMax);

async function accountPage(account: string, limit: number, before: string | null) {
  const query = before === null ? `limit=${limit}` : `limit=${limit}&before=${before}`;
  const response = await call(accountsRoute.GET, { path: `/api/accounts/x?${query}`, params: { publicKey: account } });
  expect(response.status).toBe(200);
  return response.body as { transactions: { txId: string; blockHeight: number }[]; nextBefore: string | null };
}

/** Every txId of the account, newest first, read directly. */
async function historyOf(account: string): Promise<string[]> {
  const key = Buffer.from(account, "hex");
  const rows = await rawQuery<{ txId: Uint8Array }>(
    node.config.databaseUrl,
    `SELECT "txId" FROM "Transaction" WHERE "fromKey" = $1 OR "toKey" = $2 ORDER BY "sequence" DESC`,
    [key, key],
  );
  return rows.map((row) => Buffer.from(row.txId).toString("hex"));
}

beforeAll(async () => {
  node = await startTestNode("hot-account");
  // On a table of a few hundred rows with statistics, PostgreSQL rightly prefers walking the primary key backwards
  // and filtering; the plan this test must see is the one a large table gets. Autoanalyze would gather those
  // statistics at a moment of its own choosing (it did, under a loaded full suite), so it is off for this table.
  if (databaseKind(node.config.databaseUrl) === "postgres") {
    await rawQuery(node.config.databaseUrl, `ALTER TABLE "Transaction" SET (autovacuum_enabled = false)`, []);
  }
  for (const [account, amount] of [
    [hot.publicKey, "1000000"],
    [cold.publicKey, "1000"],
  ] as const) {
    expect((await call(mintRoute.POST, { body: { account, amount }, headers: bearer })).status).toBe(201);
  }
  // Six blocks in which the hot account pays and is paid, and the cold account pays once each.
  for (let round = 0; round < 6; round++) {
    const payments = [
      ...Array.from({ length: 15 }, () => signPayment(hot, other.publicKey, "3")),
      signPayment(cold, other.publicKey, "1"),
      ...Array.from({ length: 9 }, () => signPayment(other, hot.publicKey, "2")),
    ];
    const response = await call(batchRoute.POST, { body: { payments } });
    expect(response.status).toBe(200);
    const { results } = response.body as { results: { created?: boolean }[] };
    expect(results.every((result) => result.created === true)).toBe(true);
  }
});

describe("an account's history", () => {
  it.each([
    ["the hot account", () => hot.publicKey],
    ["the cold account", () => cold.publicKey],
    ["an account never seen", () => makeWallet().publicKey],
  ])("pages %s newest first, every transaction once, across blocks and cursors", async (_name, account) => {
    const seen: string[] = [];
    let before: string | null = null;
    do {
      const page = await accountPage(account(), pageLimit, before);
      expect(page.transactions.length).toBeLessThanOrEqual(pageLimit);
      seen.push(...page.transactions.map((entry) => entry.txId));
      before = page.nextBefore;
    } while (before !== null);
    expect(seen).toEqual(await historyOf(account()));
  });

  it("merges the paid and received runs newest first, a row in both (a payment to oneself) once", () => {
    const rows = (...sequences: number[]) => sequences.map((sequence) => ({ sequence }));
    expect(newestFirst(rows(9, 7, 4), rows(8, 7, 3), 10)).toEqual(rows(9, 8, 7, 4, 3));
    expect(newestFirst(rows(9, 7, 4), rows(8, 7, 3), 3)).toEqual(rows(9, 8, 7));
    expect(newestFirst(rows(), rows(5, 2), 1)).toEqual(rows(5));
    expect(newestFirst(rows(6), rows(), 4)).toEqual(rows(6));
  });

  it.each([
    ["the hot account's first page", () => hot.publicKey, undefined],
    ["the hot account's page below a cursor", () => hot.publicKey, 3000],
    ["the cold account's first page", () => cold.publicKey, undefined],
  ])("reads %s from the account indexes, a page's rows and no more", async (_name, account, before) => {
    expect((await historyOf(hot.publicKey)).length).toBeGreaterThan(10 * pageLimit);
    await expectBounded((reads) => reads.accountRows(account(), before, pageLimit + 1), pageLimit + 1);
  });

  it("the check has teeth: the one query of fromKey OR toKey in chain order it replaces is refused", async () => {
    const [query, ...others] = await statementsOf((_reads, client) =>
      client.transaction.findMany({
        where: { OR: [{ fromKey: Buffer.from(cold.publicKey, "hex") }, { toKey: Buffer.from(cold.publicKey, "hex") }] },
        orderBy: { sequence: "desc" },
        take: pageLimit + 1,
      }),
    );
    expect(others).toEqual([]);
    expect(await unboundedSteps(node.config.databaseUrl, query!, pageLimit + 1)).not.toEqual([]);
  });
});

describe("the explorer's other reads", () => {
  it("a prefix search reads the unique indexes of block hashes, txIds and account keys, up to its limit", async () => {
    await expectBounded((reads) => reads.keysWithPrefix(hot.publicKey.slice(0, 4), 20), 20);
    await expectBounded((reads) => reads.keysWithPrefix("0000", 20), 20);
  });

  it("finds the hot account by prefix, once", async () => {
    const queries = await statementsOf(async (reads) => {
      const matches = await reads.keysWithPrefix(hot.publicKey.slice(0, 10), 20);
      expect(matches.accounts).toEqual([hot.publicKey]);
    });
    expect(queries.length).toBeLessThanOrEqual(3);
  });

  it("the chain's figures read the head and one totals row, and the recent blocks a bounded run of the newest", async () => {
    await expectBounded((reads) => reads.chainTotals(), 1);
    await expectBounded((reads) => reads.blocksSince(new Date(0).toISOString(), 5), 5);
    await expectBounded((reads) => reads.blocksSince(new Date(Date.now() + 3_600_000).toISOString(), 5), 5);
  });

  it("the totals the triggers kept are what the chain holds, exactly", async () => {
    const [expected] = await rawQuery<{ transactions: bigint; accounts: bigint; supply: bigint }>(
      node.config.databaseUrl,
      `SELECT (SELECT count(*) FROM "Transaction") AS "transactions", (SELECT count(*) FROM "Account") AS "accounts",
              (SELECT sum("amountMinor") FROM "Transaction" WHERE "type" = 'mint') AS "supply"`,
    );
    const totals = await node.store.queries.chainTotals();
    expect({
      transactions: BigInt(totals.transactions),
      accounts: BigInt(totals.accounts),
      supply: totals.supplyMinor,
    }).toEqual({
      transactions: BigInt(expected!.transactions),
      accounts: BigInt(expected!.accounts),
      supply: BigInt(expected!.supply),
    });
    expect(totals.supplyMinor).toBe(1_001_000n);
    expect(totals.accounts).toBe(3);
  });
});

type StoreRows = { rows: (sql: string, parameters: readonly unknown[], isExact?: boolean) => Promise<unknown[]> };

/** The statements `read` sends through the node's store, as it sends them ($n placeholders). */
async function storeStatementsOf(read: () => Promise<unknown>): Promise<Query[]> {
  const store = node.store as unknown as StoreRows;
  const original = store.rows.bind(store);
  const queries: Query[] = [];
  store.rows = async (sql, parameters, isExact) => {
    // Only the reads of "Transaction": a background loop's statements on the same store are not this read's.
    if (sql.includes(`FROM "Transaction"`)) queries.push({ sql, params: [...parameters] });
    return await original(sql, parameters, isExact);
  };
  try {
    await read();
  } finally {
    store.rows = original;
  }
  expect(queries.length).toBeGreaterThan(0);
  return queries;
}

/** The indexes a statement's plan reads "Transaction" through, and whether it scans the table instead. */
async function transactionAccess(query: Query): Promise<{ indexes: string[]; isScan: boolean }> {
  const url = node.config.databaseUrl;
  if (databaseKind(url) === "sqlite") {
    // As the store binds it: $n as ?, its value where it appears.
    const { sql, order } = toSqlite(query.sql);
    const database = new Database(sqliteFilePath(url), { readonly: true });
    try {
      const plan = database.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...order.map((index) => query.params[index])) as {
        detail: string;
      }[];
      return planAccess(plan.map((row) => row.detail));
    } finally {
      database.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN; SET LOCAL enable_seqscan = off");
    const { rows } = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
      `EXPLAIN (FORMAT JSON) ${query.sql}`,
      query.params,
    );
    const steps = planNodes(rows[0]!["QUERY PLAN"][0].Plan);
    return {
      indexes: steps
        .flatMap((step) => (typeof step["Index Name"] === "string" ? [step["Index Name"]] : []))
        .filter((name) => name.startsWith("Transaction_"))
        .sort(),
      isScan: steps.some((step) => step["Node Type"] === "Seq Scan" && step["Relation Name"] === "Transaction"),
    };
  } finally {
    await client.query("ROLLBACK");
    await client.end();
  }
}

function planAccess(details: readonly string[]): { indexes: string[]; isScan: boolean } {
  const onTransactions = details.filter((detail) => /^(SEARCH|SCAN) (t|Transaction)\b/.test(detail));
  return {
    indexes: onTransactions.flatMap((detail) => /USING INDEX (\w+)/.exec(detail)?.[1] ?? []).sort(),
    isScan: onTransactions.some((detail) => detail.startsWith("SCAN")),
  };
}

describe("the store's reads of an account and the webhook outbox", () => {
  const prefixIndexes = ["Transaction_fromKey_prefix_idx", "Transaction_toKey_prefix_idx"];

  it("find a statement's rows through both key prefix indexes, never by a scan of the table", async () => {
    const head = (await node.store.head())!.header.height;
    const queries = await storeStatementsOf(async () => {
      expect((await node.store.accountBlockHeights(hot.publicKey)).length).toBe(7);
      expect((await node.store.accountTransactions(hot.publicKey, 0, head + 1)).length).toBe(6 * 24 + 1);
    });
    expect(queries).toHaveLength(2);
    const [heights, transactions] = queries as [Query, Query];
    expect({ sql: heights.sql, ...(await transactionAccess(heights)) }).toEqual({
      sql: heights.sql,
      indexes: prefixIndexes,
      isScan: false,
    });
    const access = await transactionAccess(transactions);
    expect(access.isScan).toBe(false);
    if (databaseKind(node.config.databaseUrl) === "sqlite") expect(access.indexes).toEqual(prefixIndexes);
    // PostgreSQL may rather read a range of the primary key when the heights asked for are few (or, as on this
    // small table without statistics, when it cannot tell): either bounds the rows by the request.
    else expect(access.indexes.every((name) => [...prefixIndexes, "Transaction_pkey"].includes(name))).toBe(true);
  });

  it("on SQLite, look each endpoint's account up in them within the block's sequences", () => {
    if (databaseKind(node.config.databaseUrl) !== "sqlite") {
      // PostgreSQL's outbox joins the endpoints to the block's own arrays, not to the table (webhook-outbox-sql.ts).
      expect(sqliteOutboxInsertSql).toContain(`unhex(e."account")`);
      return;
    }
    const database = new Database(sqliteFilePath(node.config.databaseUrl), { readonly: true });
    try {
      const plan = database
        .prepare(`EXPLAIN QUERY PLAN ${sqliteOutboxInsertSql}`)
        .all({ nowMs: 0, sequenceFrom: 0, sequenceEnd: 1000 }) as { detail: string }[];
      const details = plan.map((row) => row.detail);
      expect(planAccess(details)).toEqual({ indexes: prefixIndexes, isScan: false });
      expect(details.filter((detail) => detail.includes("prefix_idx")).every((detail) => /rowid>\?/.test(detail))).toBe(
        true,
      );
    } finally {
      database.close();
    }
  });
});
