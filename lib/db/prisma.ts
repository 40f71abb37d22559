// The one Prisma client. Kept on globalThis so that `next dev`'s hot reload does not open a second one.
// DATABASE_URL chooses the database: a file: URL is SQLite (better-sqlite3 adapter), a postgres:// URL is
// PostgreSQL (pg adapter). The two generated clients come from identical models (prisma/schema.prisma and
// prisma/postgres/schema.prisma; a unit test keeps them so), so every read is written once, against one type.
import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client.ts";
import { PrismaClient as PostgresPrismaClient } from "../generated/prisma-pg/client.ts";
import { databaseKind, defaultPostgresTimeouts, postgresTimeoutOptions, type PostgresTimeouts } from "./database-url";

const globalForPrisma = globalThis as unknown as { chainpayPrisma?: { url: string; client: PrismaClient } };

export function getPrisma(databaseUrl: string, timeouts: PostgresTimeouts = defaultPostgresTimeouts): PrismaClient {
  const existing = globalForPrisma.chainpayPrisma;
  if (existing !== undefined && existing.url === databaseUrl) return existing.client;
  const client =
    databaseKind(databaseUrl) === "postgres"
      ? // Same models, same queries: only the SQL dialect underneath differs.
        (new PostgresPrismaClient({
          adapter: new PrismaPg({ connectionString: databaseUrl, max: 10, ...postgresTimeoutOptions(timeouts) }),
        }) as unknown as PrismaClient)
      : new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: databaseUrl, timeout: 10_000 }) });
  globalForPrisma.chainpayPrisma = { url: databaseUrl, client };
  return client;
}

/** For tests that open several nodes in one process, one after another. */
export async function disconnectPrisma(): Promise<void> {
  const existing = globalForPrisma.chainpayPrisma;
  delete globalForPrisma.chainpayPrisma;
  await existing?.client.$disconnect();
}
