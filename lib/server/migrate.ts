// Applies the checked-in Prisma migrations on start, offline and without the Prisma CLI, recording each in
// Prisma's own `_prisma_migrations` table so that `prisma migrate status` and `migrate dev` agree with it.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";

const migrationsTableSql = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export function defaultMigrationsDir(): string {
  return path.resolve(process.cwd(), "prisma", "migrations");
}

/** Applies every migration not yet recorded, each in its own transaction; returns the names applied. */
export function applyMigrations(database: Database.Database, migrationsDir = defaultMigrationsDir()): string[] {
  if (!existsSync(migrationsDir)) throw new Error(`No migrations folder at ${migrationsDir}`);
  database.exec(migrationsTableSql);
  const names = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(migrationsDir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
  const isApplied = database.prepare(
    `SELECT 1 FROM "_prisma_migrations" WHERE "migration_name" = ? AND "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
  );
  const record = database.prepare(
    `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "started_at", "applied_steps_count")
     VALUES (?, ?, ?, ?, ?, 1)`,
  );
  const applied: string[] = [];
  for (const name of names) {
    const sql = readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");
    // IMMEDIATE takes the write lock first, so two processes starting together apply each migration once.
    const applyOne = database.transaction(() => {
      if (isApplied.get(name) !== undefined) return false;
      const startedAt = Date.now();
      database.exec(sql);
      record.run(randomUUID(), createHash("sha256").update(sql).digest("hex"), Date.now(), name, startedAt);
      return true;
    });
    if (applyOne.immediate()) applied.push(name);
  }
  return applied;
}
