// The full audit as the chain grows (issue 13): seed a chain of `payments` payments (`npm run seed`), then audit
// the stored chain in this process twice, each over the whole chain: as the node's audit does (each run's txIds
// looked up in the store's txId index) and as a verifier of another node's API does (a set of every txId in
// memory). For each: the rate in each run of blocks the audit reads at once (256) and the heap after it (measured
// after a garbage collection), so that a rate that falls or a heap that grows with the chain shows.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { ChainAuditor } from "../lib/ledger/audit";
import { auditStoredChain } from "../lib/db/ledger-store";
import { VerifyPool } from "../lib/crypto/verify-pool";
import { readConfig } from "../lib/server/node/env";
import { prepareNode } from "../lib/server/node/prepare-node";
import { seed } from "./explorer";
import { format } from "./support";

export type AuditRun = { blocks: number; transactions: number; rate: number; heapMiB: number };
export type AuditMode = { mode: "store lookups" | "set of txIds"; seconds: number; runs: AuditRun[] };
export type AuditScaleResult = { payments: number; transactions: number; modes: AuditMode[] };

// A collection before each heap reading: without it the figure is whatever garbage happens to be uncollected.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

const heapMiB = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

export async function benchAuditScale(payments: number): Promise<AuditScaleResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "chainpay-bench-audit-"));
  const environment = { DATA_DIR: dataDir, CHAIN_ID: "chainpay-bench", ADMIN_PASSWORD: "bench-admin-password" };
  seed(environment, payments, []);
  Object.assign(process.env, environment);
  delete process.env.DATABASE_URL;
  const { store, nodeKey } = await prepareNode(readConfig());
  // Its own pool, one thread per core as the node has on a machine of its own, closed at the end.
  const pool = new VerifyPool();
  try {
    const headHeight = (await store.head())!.header.height;
    const modes: AuditMode[] = [];
    let transactions = 0;
    for (const mode of ["store lookups", "set of txIds"] as const) {
      const auditor = new ChainAuditor(
        nodeKey.publicKeyHex,
        mode === "store lookups" ? { earlierTxIds: (txIds, height) => store.txIdsBelow(txIds, height) } : {},
      );
      const runs: AuditRun[] = [];
      const startedMs = performance.now();
      let runStartedMs = startedMs;
      let runStartTransactions = 0;
      let runStartBlocks = 0;
      const result = await auditStoredChain(
        store,
        auditor,
        headHeight,
        (checks) => pool.verify(checks),
        () => {
          const { transactions: done, blocks } = auditor.result;
          const seconds = (performance.now() - runStartedMs) / 1000;
          const transactionsInRun = done - runStartTransactions;
          runs.push({
            blocks: blocks - runStartBlocks,
            transactions: transactionsInRun,
            rate: transactionsInRun / seconds,
            heapMiB: heapMiB(),
          });
          runStartTransactions = done;
          runStartBlocks = blocks;
          // The collection is not the audit's time.
          runStartedMs = performance.now();
        },
      );
      if (!result.ok) throw new Error(`the audit failed on the bench's own chain: ${JSON.stringify(result.firstBad)}`);
      transactions = result.transactions;
      modes.push({ mode, seconds: (performance.now() - startedMs) / 1000, runs });
    }
    return { payments, transactions, modes };
  } finally {
    await pool.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function auditScaleLines(result: AuditScaleResult): string[] {
  return result.modes.flatMap(({ mode, seconds, runs }) => {
    // The last run of the chain may be short; the full runs (256 blocks) are compared.
    const full = runs.filter((run) => run.blocks === runs[0]!.blocks);
    const first = full[0]!;
    const last = full.at(-1)!;
    return [
      `${mode}: ${format(result.transactions)} transactions in ${format(seconds, 1)} s = ${format(result.transactions / seconds)} tx/s;` +
        ` last full run ÷ first ${format(last.rate / first.rate, 2)} (goal ≥ 0.9);` +
        ` heap ${format(first.heapMiB)} MiB after the first run, ${format(runs.at(-1)!.heapMiB)} MiB after the last`,
      `  tx/s by run of 256 blocks: ${runs.map((run) => format(run.rate)).join(", ")}`,
      `  heap MiB after each run: ${runs.map((run) => format(run.heapMiB)).join(", ")}`,
    ];
  });
}
