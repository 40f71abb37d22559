// Opens the store DATABASE_URL names: SQLite by default, PostgreSQL for a postgres:// URL.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { startCheckpointer } from "./checkpointer";
import { databaseKind, defaultPostgresTimeouts, sqliteFilePath, type PostgresTimeouts } from "./database-url";
import type { LedgerStore } from "./ledger-store";
import { prismaReads } from "./prisma-reads";
import { applyMigrations, applyPostgresMigrations } from "./migrate";
import { openPostgresPool, PgLedgerStore } from "./pg-store";
import { openSqlite, SqliteLedgerStore } from "./sqlite-store";

export type OpenStoreOptions = {
  /** Apply the checked-in migrations first (what `prepareNode` does; the server itself never migrates). */
  migrate: boolean;
  /** For the serving process: SQLite's WAL checkpoints move to a worker thread. */
  serve: boolean;
  /** PostgreSQL's connect and statement limits (the settings'; SQLite ignores them). */
  postgresTimeouts?: PostgresTimeouts;
};

export async function openStore(databaseUrl: string, options: OpenStoreOptions): Promise<LedgerStore> {
  const store = await openMigratedStore(databaseUrl, options);
  if (!options.migrate) return store;
  try {
    // Blocks sealed before their trees were stored get them here, once, while the node is prepared: the server
    // never writes on a read, and reading a receipt stays a read of O(log n) stored hashes.
    await store.storeMissingTrees();
    // And the log tree's nodes of blocks sealed before the log was stored (issue 11).
    await store.storeMissingLogNodes();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

async function openMigratedStore(
  databaseUrl: string,
  { migrate, serve, postgresTimeouts = defaultPostgresTimeouts }: OpenStoreOptions,
): Promise<LedgerStore> {
  const queries = prismaReads(databaseUrl, postgresTimeouts);
  if (databaseKind(databaseUrl) === "postgres") {
    const pool = openPostgresPool(databaseUrl, postgresTimeouts);
    try {
      if (migrate) await applyPostgresMigrations(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PgLedgerStore(pool, queries);
  }
  const file = sqliteFilePath(databaseUrl);
  if (migrate) mkdirSync(path.dirname(file), { recursive: true });
  else if (!existsSync(file))
    throw new Error(`${file} does not exist: start the node with \`npm start\` (or run \`npm run db:deploy\`).`);
  const database = openSqlite(file);
  if (migrate) applyMigrations(database);
  if (serve) {
    database.pragma("wal_autocheckpoint = 0");
    startCheckpointer(file);
  }
  return new SqliteLedgerStore(database, queries);
}
