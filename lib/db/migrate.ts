// Applies the checked-in Prisma migrations on start, offline and without the Prisma CLI, recording each in
// Prisma's own `_prisma_migrations` table so that `prisma migrate status` and `migrate dev` agree with it.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import type pg from "pg";
import { sqliteMigrationsTableSql } from "./migrations-table.mjs";

// Prisma's own definition of the table on PostgreSQL.
const postgresMigrationsTableSql = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// A session-level advisory lock held while migrating, so that instances starting together migrate once.
const migrationLockKeys = [0x63686169, 0x6e6d6967] as const;

export function defaultMigrationsDir(): string {
  return path.resolve(process.cwd(), "prisma", "migrations");
}

export function defaultPostgresMigrationsDir(): string {
  return path.resolve(process.cwd(), "prisma", "postgres", "migrations");
}

type Migration = { name: string; sql: string; checksum: string };

function readMigrations(migrationsDir: string): Migration[] {
  if (!existsSync(migrationsDir)) throw new Error(`No migrations folder at ${migrationsDir}`);
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(migrationsDir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const isAppliedSql = `SELECT 1 FROM "_prisma_migrations" WHERE "migration_name" = $1 AND "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`;

/** The PostgreSQL twin of `applyMigrations`: each migration in its own transaction, recorded as Prisma does. */
export async function applyPostgresMigrations(
  pool: pg.Pool,
  migrationsDir = defaultPostgresMigrationsDir(),
): Promise<string[]> {
  const migrations = readMigrations(migrationsDir);
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    // Waiting for another instance's migrations, or building an index over a large table, may outlast the
    // connection's statement limit: lifted for this session while it migrates, restored before it is released.
    await client.query("SET statement_timeout = 0");
    await client.query("SELECT pg_advisory_lock($1, $2)", [...migrationLockKeys]);
    await client.query(postgresMigrationsTableSql);
    for (const { name, sql, checksum } of migrations) {
      if ((await client.query(isAppliedSql, [name])).rowCount !== 0) continue;
      const startedAt = new Date();
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "started_at", "applied_steps_count")
           VALUES ($1, $2, now(), $3, $4, 1)`,
          [randomUUID(), checksum, name, startedAt],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(name);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1, $2)", [...migrationLockKeys]).catch(() => undefined);
    const isReset = await client.query("RESET statement_timeout").then(
      () => true,
      () => false,
    );
    client.release(!isReset);
  }
  return applied;
}

/**
 * SQLite migrations that rewrite whole tables or drop large indexes and leave the old pages free in the file: the
 * file is rebuilt after them (VACUUM, which no transaction can hold), once however many ran, so that it shrinks to
 * what it stores.
 */
const sqliteRewritingMigrations = new Set([
  "20261204000000_compact_storage",
  "20261205000000_key_prefix_indexes",
  "20261206000000_timestamp_milliseconds",
]);

/** Applies every migration not yet recorded, each in its own transaction; returns the names applied. */
export function applyMigrations(database: Database.Database, migrationsDir = defaultMigrationsDir()): string[] {
  const migrations = readMigrations(migrationsDir);
  database.exec(sqliteMigrationsTableSql);
  const isApplied = database.prepare(
    `SELECT 1 FROM "_prisma_migrations" WHERE "migration_name" = ? AND "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
  );
  const record = database.prepare(
    `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "started_at", "applied_steps_count")
     VALUES (?, ?, ?, ?, ?, 1)`,
  );
  const applied: string[] = [];
  for (const { name, sql, checksum } of migrations) {
    // IMMEDIATE takes the write lock first, so two processes starting together apply each migration once.
    const applyOne = database.transaction(() => {
      if (isApplied.get(name) !== undefined) return false;
      const startedAt = Date.now();
      database.exec(sql);
      record.run(randomUUID(), checksum, Date.now(), name, startedAt);
      return true;
    });
    if (applyOne.immediate()) applied.push(name);
  }
  if (applied.some((name) => sqliteRewritingMigrations.has(name))) database.exec("VACUUM");
  return applied;
}
