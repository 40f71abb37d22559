// Which database a DATABASE_URL names: a `file:` URL is an SQLite file, a `postgres://` or `postgresql://` URL a
// PostgreSQL server; and the time limits every PostgreSQL connection of the node works under.
import path from "node:path";

export type DatabaseKind = "sqlite" | "postgres";

export function databaseKind(databaseUrl: string): DatabaseKind {
  if (databaseUrl.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return "postgres";
  throw new Error("DATABASE_URL must be a file: URL (SQLite) or a postgres:// URL (PostgreSQL)");
}

/** The SQLite file behind a `file:` URL, resolved against the working directory. */
export function sqliteFilePath(databaseUrl: string): string {
  if (databaseKind(databaseUrl) !== "sqlite") throw new Error("DATABASE_URL must be a file: URL for SQLite");
  return path.resolve(databaseUrl.slice("file:".length));
}

/** The URL with its password hidden, for logs. */
export function redactDatabaseUrl(databaseUrl: string): string {
  return databaseUrl.replace(/(\/\/[^:/@]+:)[^@]*@/, "$1***@");
}

/**
 * How long a PostgreSQL connection may take to open (or to be had from a full pool), and how long one statement,
 * or a pause inside a transaction, may last before the server ends it: a stuck server or a stuck transaction
 * then fails its request instead of holding the node's connections (and the seal's lock) for good.
 */
export type PostgresTimeouts = { connectMs: number; statementMs: number };

export const defaultPostgresTimeouts: PostgresTimeouts = { connectMs: 10_000, statementMs: 30_000 };

/**
 * The node-postgres options that set them on every connection of a pool (the store's and Prisma's). The server
 * enforces the two statement limits, sent as startup parameters; snapshots lift them for their own transaction.
 */
export function postgresTimeoutOptions({ connectMs, statementMs }: PostgresTimeouts) {
  return {
    connectionTimeoutMillis: connectMs,
    statement_timeout: statementMs,
    idle_in_transaction_session_timeout: statementMs,
  };
}
