// Which database a DATABASE_URL names: a `file:` URL is an SQLite file, a `postgres://` or `postgresql://` URL a
// PostgreSQL server.
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
