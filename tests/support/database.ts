// The database under test. The integration suite runs twice: on SQLite files (project "integration") and on a
// real PostgreSQL server (project "integration-postgres", TEST_DATABASE=postgres), each test file on a fresh
// database. Tests that reach past the node into the database (to tamper with it, as an attacker with access to
// the files would) go through `rawQuery`, written once in PostgreSQL's `$1` placeholder style.
import Database from "better-sqlite3";
import pg from "pg";
import { inject } from "vitest";
import { databaseKind, sqliteFilePath } from "@/lib/db/database-url";
import { createTestDatabase } from "@/scripts/postgres-server";

export type TestDatabaseKind = "sqlite" | "postgres";

export function testDatabaseKind(): TestDatabaseKind {
  return process.env.TEST_DATABASE === "postgres" ? "postgres" : "sqlite";
}

/** A fresh database for one node: an SQLite file in `dataDir`, or a new database on the test server. */
export async function freshDatabaseUrl(dataDir: string, name: string): Promise<string> {
  if (testDatabaseKind() === "sqlite") return `file:${dataDir}/chainpay.db`;
  const { url } = await createTestDatabase(inject("postgresAdminUrl"), `chainpay_${name}`);
  return url;
}

const placeholderPattern = /\$(\d+)/g;

/** `$1`-style placeholders as SQLite's plain `?`, with the parameters in the order they appear. */
function toSqlite(sql: string): string {
  return sql.replace(placeholderPattern, "?");
}

function inSqliteOrder(sql: string, parameters: readonly unknown[]): unknown[] {
  return [...sql.matchAll(placeholderPattern)].map((match) => parameters[Number(match[1]) - 1]);
}

/** Runs one statement against the node's database from outside the node; returns its rows. */
export async function rawQuery<Row = Record<string, unknown>>(
  databaseUrl: string,
  sql: string,
  parameters: unknown[] = [],
): Promise<Row[]> {
  if (databaseKind(databaseUrl) === "postgres") {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql, parameters)).rows as Row[];
    } finally {
      await client.end();
    }
  }
  const database = new Database(sqliteFilePath(databaseUrl));
  try {
    const statement = database.prepare(toSqlite(sql)).safeIntegers(true);
    if (statement.reader) return statement.all(...inSqliteOrder(sql, parameters)) as Row[];
    statement.run(...inSqliteOrder(sql, parameters));
    return [];
  } finally {
    database.close();
  }
}

/**
 * Changes the stored chain behind the node's back, past the append-only triggers, as someone with write access
 * to the database could.
 */
export async function tamper(databaseUrl: string, sql: string, parameters: unknown[] = []): Promise<void> {
  if (databaseKind(databaseUrl) === "postgres") {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query("BEGIN");
      await client.query(`ALTER TABLE "Block" DISABLE TRIGGER USER`);
      await client.query(`ALTER TABLE "Transaction" DISABLE TRIGGER USER`);
      await client.query(sql, parameters);
      await client.query(`ALTER TABLE "Block" ENABLE TRIGGER USER`);
      await client.query(`ALTER TABLE "Transaction" ENABLE TRIGGER USER`);
      await client.query("COMMIT");
    } finally {
      await client.end();
    }
    return;
  }
  const database = new Database(sqliteFilePath(databaseUrl));
  try {
    database.exec(
      [
        "Block_append_only_update",
        "Block_append_only_delete",
        "Transaction_append_only_update",
        "Transaction_append_only_delete",
      ]
        .map((name) => `DROP TRIGGER IF EXISTS "${name}";`)
        .join(" "),
    );
    database.prepare(toSqlite(sql)).run(...inSqliteOrder(sql, parameters));
  } finally {
    database.close();
  }
}
