// The statements a read sends through Prisma, captured, and what in their plans grows with the data rather than
// the page asked for. Shared by the hot-account tests (tests/integration/hostile-clients/load).
import Database from "better-sqlite3";
import pg from "pg";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { expect } from "vitest";
import { databaseKind, sqliteFilePath } from "@/lib/db/database-url";
import { readsOver } from "@/lib/db/prisma-reads";
import { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-pg/client.ts";

export type Query = { sql: string; params: unknown[] };

export type Reads = ReturnType<typeof readsOver>;

export type PlanNode = { [key: string]: unknown; Plans?: PlanNode[] };

/** A plan and every step under it, depth first. */
export function planNodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(planNodes)];
}

/**
 * A logged parameter as the statement bound it. Prisma logs bytes as base64: an account key (32 bytes, 44
 * characters) and its indexed prefix (8 bytes, 12 characters) are bound again as their bytes, so that EXPLAIN
 * ANALYZE reads the rows the real read does.
 */
function asBound(parameter: unknown): unknown {
  if (typeof parameter !== "string" || !/^([A-Za-z0-9+/]{43}|[A-Za-z0-9+/]{11})=$/.test(parameter)) return parameter;
  return Buffer.from(parameter, "base64");
}

/** Runs `read` over a Prisma client of its own that logs every statement, and returns the statements. */
export async function statementsOf(
  url: string,
  read: (reads: Reads, client: PrismaClient) => Promise<unknown>,
): Promise<Query[]> {
  const log = [{ emit: "event" as const, level: "query" as const }];
  const queries: Query[] = [];
  const onQuery = (event: { query: string; params: string }) =>
    queries.push({ sql: event.query, params: (JSON.parse(event.params) as unknown[]).map(asBound) });
  let client: PrismaClient;
  if (databaseKind(url) === "postgres") {
    const postgres = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url }), log });
    postgres.$on("query", onQuery);
    client = postgres as unknown as PrismaClient;
  } else {
    const sqlite = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url }), log });
    sqlite.$on("query", onQuery);
    client = sqlite;
  }
  try {
    await read(
      readsOver(() => client, databaseKind(url)),
      client,
    );
  } finally {
    await client.$disconnect();
  }
  expect(queries.length).toBeGreaterThan(0);
  return queries;
}

/**
 * How PostgreSQL is to plan: as it would on its own (`"as-planned"`, with whatever statistics the tables hold), or
 * with full scans, bitmap scans and sorts priced out (`"large-table"`): a small test chain makes PostgreSQL prefer
 * reading whole tables, and the plan left then is the one a large table gets.
 */
export type Planning = "as-planned" | "large-table";

/**
 * What in a statement's plan grows with the data rather than the page: a full scan, a sort, rows read and thrown
 * away, or (PostgreSQL, measured) a scan that returned more than `rowsMax` rows. Empty when there is nothing.
 */
export async function unboundedSteps(
  url: string,
  query: Query,
  rowsMax: number,
  planning: Planning = "large-table",
): Promise<string[]> {
  if (databaseKind(url) === "sqlite") {
    const database = new Database(sqliteFilePath(url), { readonly: true });
    try {
      const plan = database.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.params) as { detail: string }[];
      // A scan of a statement that filters nothing, in key order (no temporary B-tree) and with a LIMIT, reads
      // its first LIMIT rows and stops: the newest blocks. Any other scan reads rows to find the ones it wants.
      const isFirstRowsOnly = / WHERE 1=1 ORDER BY [^ ]+ (ASC|DESC) LIMIT \? OFFSET \?$/.test(query.sql);
      return plan
        .map((row) => row.detail)
        .filter((detail) => /TEMP B-TREE/.test(detail) || (/^SCAN /.test(detail) && !isFirstRowsOnly));
    } finally {
      database.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      planning === "large-table"
        ? "BEGIN; SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off"
        : "BEGIN",
    );
    const { rows } = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${query.sql}`,
      query.params,
    );
    return planNodes(rows[0]!["QUERY PLAN"][0].Plan).flatMap((step) => {
      const type = String(step["Node Type"]);
      const problems: string[] = [];
      if (/Seq Scan|Sort|Bitmap/.test(type)) problems.push(type);
      if (Number(step["Rows Removed by Filter"] ?? 0) > 0) problems.push(`${type} with rows filtered out`);
      if (/Scan/.test(type) && Number(step["Actual Rows"]) > rowsMax)
        problems.push(`${type} returned ${String(step["Actual Rows"])} rows`);
      return problems;
    });
  } finally {
    await client.query("ROLLBACK");
    await client.end();
  }
}

/** Expects every statement `read` sends to be bounded by `rowsMax` rows (`unboundedSteps` finds nothing). */
export async function expectBounded(
  url: string,
  read: (reads: Reads) => Promise<unknown>,
  rowsMax: number,
  planning: Planning = "large-table",
): Promise<void> {
  for (const query of await statementsOf(url, read)) {
    expect({ sql: query.sql, unbounded: await unboundedSteps(url, query, rowsMax, planning) }).toEqual({
      sql: query.sql,
      unbounded: [],
    });
  }
}
