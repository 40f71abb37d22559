// Starts a node in this test process on a fresh data directory, and calls its real route handlers.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readConfig } from "@/lib/server/node/env";
import { getNode, resetNodeForTests, type LedgerNode } from "@/lib/server/node/context";
import { prepareNode } from "@/lib/server/node/prepare-node";
import { freshDatabaseUrl } from "./database";

export const testChainId = "chainpay-test";
export const adminToken = "integration-admin-token-0123456789";

export function makeDataDir(name: string): string {
  return mkdtempSync(path.join(tmpdir(), `chainpay-${name}-`));
}

/**
 * A fresh data directory and database, prepared as `npm start` prepares them (migrated, node key, genesis) on the
 * test chain, with no node opened: for the tests that work on the records or the database directly.
 */
export async function preparedTestDatabase(name: string): Promise<{ dataDir: string; databaseUrl: string }> {
  const dataDir = makeDataDir(name);
  const databaseUrl = await freshDatabaseUrl(dataDir, name.replaceAll("-", "_"));
  const prepared = await prepareNode(
    readConfig({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, CHAIN_ID: testChainId }),
  );
  await prepared.store.close();
  return { dataDir, databaseUrl };
}

/**
 * A fresh node: its own data directory and database (an SQLite file, or a new PostgreSQL database when the suite
 * runs on PostgreSQL), migrated and with genesis, as `npm start` makes it.
 */
export async function startTestNode(name: string, environment: Record<string, string> = {}): Promise<LedgerNode> {
  await resetNodeForTests();
  const dataDir = makeDataDir(name);
  const cleared = ["DATABASE_URL", "FAUCET_AMOUNT", "FAUCET_INTERVAL_SECONDS", "SEAL_DELAY_MS", "CURRENCY"];
  for (const key of [...cleared, "FAUCET_HOURLY_PER_CLIENT", "FAUCET_HOURLY_TOTAL"]) delete process.env[key];
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    CHAIN_ID: testChainId,
    ADMIN_TOKEN: adminToken,
    FAUCET_INTERVAL_SECONDS: "0",
    // Tests fund many accounts from one client: the hourly budgets are off unless a test sets them.
    FAUCET_HOURLY_PER_CLIENT: "0",
    FAUCET_HOURLY_TOTAL: "0",
    DATABASE_URL: await freshDatabaseUrl(dataDir, name),
    ...environment,
  });
  const prepared = await prepareNode(readConfig());
  await prepared.store.close();
  return await getNode();
}

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;

export type CallResult = { status: number; body: unknown; headers: Headers };

/** Calls a route handler with a real Request, the way Next.js does. */
export async function call(
  handler: Handler,
  options: {
    method?: string;
    path?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
    params?: Record<string, string>;
  } = {},
): Promise<CallResult> {
  const hasBody = options.body !== undefined || options.rawBody !== undefined;
  const request = new Request(`http://localhost${options.path ?? "/"}`, {
    method: options.method ?? (hasBody ? "POST" : "GET"),
    headers: { ...(hasBody ? { "content-type": "application/json" } : {}), ...options.headers },
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  return {
    status: response.status,
    body: text === "" ? null : (JSON.parse(text) as unknown),
    headers: response.headers,
  };
}
