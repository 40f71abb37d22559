// The one Prisma client. Kept on globalThis so that `next dev`'s hot reload does not open a second one.
import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/prisma/client.ts";

const globalForPrisma = globalThis as unknown as { chainpayPrisma?: { url: string; client: PrismaClient } };

export function getPrisma(databaseUrl: string): PrismaClient {
  const existing = globalForPrisma.chainpayPrisma;
  if (existing !== undefined && existing.url === databaseUrl) return existing.client;
  const client = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: databaseUrl, timeout: 10_000 }) });
  globalForPrisma.chainpayPrisma = { url: databaseUrl, client };
  return client;
}
