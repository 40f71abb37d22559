// The log's proof routes on a long chain: a fresh data directory filled with `blocks` blocks of one transaction
// each (a node-signed mint, so no payer's balance needs planning), written as `npm run seed` writes (its
// BlockWriter: the sealer's own appendBlock, the block's tree and the log's stored nodes, many blocks a
// commit), then served, and GET /api/log/proof and /api/log/consistency timed on random parameters, one
// request at a time (each figure is a whole round trip over loopback, the client's side included).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { canonicalBytes } from "../../lib/ledger/canonical";
import { computeTxId } from "../../lib/ledger/hash";
import type { Transaction } from "../../lib/ledger/types";
import { signWithNodeCrypto } from "../../lib/crypto/ed25519";
import { SqliteLedgerStore } from "../../lib/db/sqlite-store";
import { readConfig } from "../../lib/server/node/env";
import { prepareNode } from "../../lib/server/node/prepare-node";
import { BlockWriter } from "../../scripts/seed/block-writer";
import { newAccounts } from "../../scripts/seed/payments";
import type { SeedTransaction } from "../../scripts/seed/types";
import { startServer } from "../../tests/support/server";
import { benchChainId } from "../support";
import { percentile } from "../hostile/health-probe";

export type RouteTiming = { route: string; requests: number; medianMs: number; p99Ms: number; maxMs: number };
export type LogRoutesResult = { blocks: number; logSize: number; seedSeconds: number; routes: RouteTiming[] };

const blocksPerCommit = 1_000;
const warmUpRequests = 50;
const mintAccounts = 16;

/** Appends blocks of one node-signed mint each until the chain holds `blocks` blocks after genesis. */
export async function seedOneTransactionBlocks(dataDir: string, blocks: number): Promise<void> {
  const environment = {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, "chainpay.db")}`,
    CHAIN_ID: benchChainId,
  };
  const { store, nodeKey } = await prepareNode(readConfig(environment));
  if (!(store instanceof SqliteLedgerStore)) {
    await store.close();
    throw new Error("the log routes' chain is written to SQLite");
  }
  try {
    const { database } = store;
    database.pragma("synchronous = NORMAL");
    database.pragma("wal_autocheckpoint = 16384");
    database.pragma("cache_size = -262144");
    const accounts = newAccounts(mintAccounts).map((account) => account.publicKey);
    const writer = new BlockWriter(store, benchChainId, nodeKey);
    let next = writer.headHeight();
    while (next < blocks) {
      const count = Math.min(blocksPerCommit, blocks - next);
      // A fresh timestamp a commit: every transaction stays well within 10 minutes of its block's.
      const timestamp = new Date().toISOString();
      const batch = Array.from({ length: count }, (_, index): SeedTransaction[] => {
        const tx: Transaction = {
          type: "mint",
          chainId: benchChainId,
          from: nodeKey.publicKeyHex,
          to: accounts[(next + index) % accounts.length]!,
          amount: "1",
          memo: `log bench #${next + index + 1}`,
          timestamp,
        };
        return [{ txId: computeTxId(tx), tx, signature: signWithNodeCrypto(nodeKey.privateKey, canonicalBytes(tx)) }];
      });
      writer.write(batch);
      next = writer.headHeight();
    }
    database.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    await store.close();
  }
}

const randomBelow = (bound: number) => Math.floor(Math.random() * bound);

/** Times `requests` GETs of the paths `pathOf` makes, after a warm-up; every answer must be a 200. */
async function timeRoute(url: string, route: string, requests: number, pathOf: () => string): Promise<RouteTiming> {
  const samplesMs: number[] = [];
  for (let index = 0; index < warmUpRequests + requests; index++) {
    const routePath = pathOf();
    const startedMs = performance.now();
    const answer = await fetch(`${url}${routePath}`, { signal: AbortSignal.timeout(30_000) });
    const body = await answer.text();
    const elapsedMs = performance.now() - startedMs;
    if (answer.status !== 200) throw new Error(`${routePath} answered ${answer.status}: ${body.slice(0, 200)}`);
    if (index >= warmUpRequests) samplesMs.push(elapsedMs);
  }
  samplesMs.sort((a, b) => a - b);
  return {
    route,
    requests,
    medianMs: percentile(samplesMs, 0.5),
    p99Ms: percentile(samplesMs, 0.99),
    maxMs: samplesMs.at(-1)!,
  };
}

/** Seeds a chain of `blocks` one-transaction blocks, serves it and times the two proof routes on it. */
export async function benchLogRoutes(blocks: number, requests: number): Promise<LogRoutesResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "chainpay-bench-log-"));
  try {
    return await timeOnChain(dataDir, blocks, requests);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function timeOnChain(dataDir: string, blocks: number, requests: number): Promise<LogRoutesResult> {
  const seedStartedMs = performance.now();
  await seedOneTransactionBlocks(dataDir, blocks);
  const seedSeconds = (performance.now() - seedStartedMs) / 1000;
  const server = await startServer({
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, "chainpay.db")}`,
    CHAIN_ID: benchChainId,
  });
  try {
    const node = (await (await fetch(`${server.url}/api/node`)).json()) as { log?: { size?: number } };
    const logSize = node.log?.size;
    if (typeof logSize !== "number" || logSize < blocks + 1)
      throw new Error(`GET /api/node says the log holds ${String(logSize)} leaves, not ${blocks + 1}`);
    const proof = await timeRoute(server.url, "GET /api/log/proof", requests, () => {
      // 1 ≤ size ≤ log size, then height < size.
      const size = 1 + randomBelow(logSize);
      return `/api/log/proof?height=${randomBelow(size)}&size=${size}`;
    });
    const consistency = await timeRoute(server.url, "GET /api/log/consistency", requests, () => {
      const to = 1 + randomBelow(logSize);
      return `/api/log/consistency?from=${1 + randomBelow(to)}&to=${to}`;
    });
    return { blocks, logSize, seedSeconds, routes: [proof, consistency] };
  } finally {
    await server.stop();
  }
}
