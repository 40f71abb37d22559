// Prisma's own definition of its migrations table on SQLite, in one place for the two that create it: the node's
// migrator (lib/db/migrate.ts) and the schema-engine stand-in the Prisma CLI runs (scripts/schema-engine.mjs,
// plain Node, hence plain JavaScript here).
export const sqliteMigrationsTableSql = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;
