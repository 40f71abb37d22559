// SQLite and PostgreSQL share one data model: the two Prisma schemas differ only in their datasource and
// generator, and each has its checked-in migration with the same hand-added guarantees.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { keyMatchSql, keyPrefixLength, keyPrefixOf } from "@/lib/db/keys/key-prefix";

const root = path.resolve(import.meta.dirname, "../../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

/** The schema from its first model on: what the generated clients' types come from. */
function models(schema: string): string {
  const start = schema.indexOf("\nmodel ");
  expect(start).toBeGreaterThan(0);
  return schema.slice(start);
}

describe("the Prisma schemas", () => {
  const sqlite = read("prisma/schema.prisma");
  const postgres = read("prisma/postgres/schema.prisma");

  it("declare the same models, field for field", () => {
    expect(models(postgres)).toBe(models(sqlite));
  });

  it("name their own provider", () => {
    expect(sqlite).toMatch(/provider = "sqlite"/);
    expect(postgres).toMatch(/provider = "postgresql"/);
  });
});

describe("the migrations", () => {
  const sqlite = read("prisma/migrations/20261126000000_init/migration.sql");
  const postgres = read("prisma/postgres/migrations/20261126000000_init/migration.sql");

  it.each([
    ["SQLite", sqlite],
    ["PostgreSQL", postgres],
  ])("on %s refuse a negative balance and keep blocks and transactions append-only", (_name, sql) => {
    expect(sql).toContain(`CHECK ("balanceMinor" >= 0)`);
    expect(sql).toMatch(/BEFORE UPDATE[\s\S]*ON "Block"/);
    expect(sql).toMatch(/BEFORE (UPDATE OR )?DELETE ON "Transaction"/);
    for (const index of [
      "Block_hash_key",
      "Block_prevHash_key",
      "Transaction_txId_key",
      "Transaction_blockHeight_leafIndex_key",
    ]) {
      expect(sql).toContain(`CREATE UNIQUE INDEX "${index}"`);
    }
  });

  it("on PostgreSQL keep chain positions 64-bit, as SQLite's INTEGER is", () => {
    expect(postgres).toMatch(/"sequence" BIGINT NOT NULL/);
  });
});

describe("the compact storage migrations", () => {
  const sqlite = read("prisma/migrations/20261204000000_compact_storage/migration.sql");
  const postgres = read("prisma/postgres/migrations/20261204000000_compact_storage/migration.sql");
  const converted = (sql: string, pattern: RegExp) => [...sql.matchAll(pattern)].map((match) => match[1]).sort();

  it("turn the same hex columns into bytes on both databases", () => {
    const onSqlite = converted(sqlite, /unhex\("(\w+)"\)/g);
    expect(onSqlite).toEqual(converted(postgres, /decode\("(\w+)", 'hex'\)/g));
    expect(onSqlite).toEqual(
      ["fromKey", "hash", "merkleRoot", "prevHash", "publicKey", "signature", "signature", "toKey", "txId"].sort(),
    );
  });

  it("leave no index on (blockHeight, leafIndex)", () => {
    expect(postgres).toContain(`DROP INDEX "Transaction_blockHeight_leafIndex_key"`);
    expect(sqlite).not.toContain("Transaction_blockHeight_leafIndex_key");
    expect(sqlite).toContain(`CREATE UNIQUE INDEX "Transaction_txId_key"`);
  });

  it("on SQLite make again every trigger the rebuilt tables had", () => {
    const triggers = (sql: string, tables: readonly string[]) =>
      [...sql.matchAll(/CREATE TRIGGER "(\w+)" (?:BEFORE|AFTER) \w+ ON "(\w+)"/g)]
        .filter((match) => tables.includes(match[2]!))
        .map((match) => match[1])
        .sort();
    const rebuilt = ["Block", "Transaction", "BlockTree", "Account"];
    const earlier = [
      "20261126000000_init",
      "20261201000000_block_tree",
      "20261201120000_chain_totals",
      "20261202000000_log_tree",
    ].map((name) => read(`prisma/migrations/${name}/migration.sql`));
    expect(triggers(sqlite, rebuilt)).toEqual(triggers(earlier.join("\n"), rebuilt));
  });
});

describe("the key prefix migrations", () => {
  const sqlite = read("prisma/migrations/20261205000000_key_prefix_indexes/migration.sql");
  const postgres = read("prisma/postgres/migrations/20261205000000_key_prefix_indexes/migration.sql");
  // The databases use an index on an expression only for the same expression: the one the reads write.
  const indexed = (column: string) => keyMatchSql(`"${column}"`, "$1", "$2").match(/^\((substr\([^)]*\))/)![1]!;

  it.each([
    ["SQLite", sqlite, ""],
    ["PostgreSQL", postgres, `, "blockHeight", "leafIndex"`],
  ])("on %s index the prefix the reads match, in place of the whole keys", (_name, sql, after) => {
    for (const column of ["fromKey", "toKey"]) {
      expect(sql).toContain(`DROP INDEX "Transaction_${column}_sequence_idx";`);
      expect(sql).toContain(
        `CREATE INDEX "Transaction_${column}_prefix_idx" ON "Transaction"(${indexed(column)}${after});`,
      );
    }
    expect(indexed("fromKey")).toBe(`substr("fromKey", 1, ${keyPrefixLength})`);
  });

  it("take the prefix a key's first bytes are", () => {
    const key = Uint8Array.from({ length: 32 }, (_, index) => index);
    expect([...keyPrefixOf(key)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(keyMatchSql(`t."toKey"`, "$1", "$2")).toBe(`(substr(t."toKey", 1, 8) = $2 AND t."toKey" = $1)`);
  });
});

describe("the timestamp migrations", () => {
  const sqlite = read("prisma/migrations/20261206000000_timestamp_milliseconds/migration.sql");
  const postgres = read("prisma/postgres/migrations/20261206000000_timestamp_milliseconds/migration.sql");
  const statements = (sql: string, pattern: RegExp) => [...sql.matchAll(pattern)].map((match) => match[0]).sort();

  it("turn the block's and the transaction's text into the same millisecond column on both databases", () => {
    expect(
      statements(postgres, /ALTER TABLE "(Block|Transaction)" RENAME COLUMN "timestamp" TO "timestampMs"/g),
    ).toHaveLength(2);
    expect(sqlite.match(/"timestampMs" BIGINT NOT NULL/g)).toHaveLength(2);
    expect(
      sqlite.match(
        /unixepoch\(substr\("timestamp", 1, 19\)\) \* 1000 \+ CAST\(substr\("timestamp", 21, 3\) AS INTEGER\)/g,
      ),
    ).toHaveLength(2);
  });

  it("on SQLite make again every index and trigger the rebuilt tables had", () => {
    const made = (sql: string) =>
      [...sql.matchAll(/CREATE (?:UNIQUE )?(?:INDEX|TRIGGER) "(\w+)"[^;]*?ON "(Block|Transaction|BlockTree)"/g)].map(
        (match) => [match[1]!, match[2]!] as const,
      );
    const dropped = (sql: string, kind: string) =>
      [...sql.matchAll(new RegExp(`DROP ${kind} "(\\w+)"`, "g"))].map((match) => match[1]!);
    const earlier = readdirSync(path.join(root, "prisma/migrations"))
      .filter((name) => /^\d/.test(name) && name < "20261206000000")
      .sort()
      .map((name) => read(`prisma/migrations/${name}/migration.sql`));
    // What stood before: every index and trigger made on the three tables, less those dropped since, by name or
    // with their table (a rebuild, which makes again the ones it keeps).
    const standing = new Map<string, string>();
    for (const sql of earlier) {
      const tables = dropped(sql, "TABLE");
      for (const [name, table] of standing) if (tables.includes(table)) standing.delete(name);
      for (const name of [...dropped(sql, "INDEX"), ...dropped(sql, "TRIGGER")]) standing.delete(name);
      for (const [name, table] of made(sql)) standing.set(name, table.replace(/^new_/, ""));
    }
    expect(standing.size).toBeGreaterThan(10);
    expect(
      made(sqlite)
        .map(([name]) => name)
        .sort(),
    ).toEqual([...standing.keys()].sort());
  });
});
