// SQLite and PostgreSQL share one data model: the two Prisma schemas differ only in their datasource and
// generator, and each has its checked-in migration with the same hand-added guarantees.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

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
