// Ed25519 verification spread over worker threads, one per core: the batch route and the audit verify
// thousands of signatures at a time, and one core verifies only about 6,000 a second.
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { SignatureCheck } from "../ledger/audit";
import { LedgerError } from "../ledger/errors";
import { blockTransactionsMax, pendingPaymentsMax } from "../ledger/limits";
import { verifyWithNodeCryptoSync } from "./ed25519";
import type { VerifyRequest, VerifyWorkerMessage } from "./verify-worker";

// The worker is lib/crypto/verify-worker.ts itself, type-checked like the rest. It runs from the source tree,
// found from the working directory as lib/db/checkpointer.ts finds its driver, since the server bundle holds no
// file of its own for it. Node 20 loads no TypeScript and ignores `--import tsx` in a worker's execArgv, so the
// thread starts from this two-line loader: it registers tsx's require hook, which compiles the worker and what
// it imports (cached on disk by tsx, about 0.1 s per worker once warm), then requires the worker.
const workerLoaderSource = `
const { workerData } = require("node:worker_threads");
require(workerData.tsxRequireHookPath).register();
require(workerData.workerPath);`;

function workerPaths(): { tsxRequireHookPath: string; workerPath: string } {
  const root = process.cwd();
  const tsxRequireHookPath = createRequire(path.join(root, "package.json")).resolve("tsx/cjs/api");
  return { tsxRequireHookPath, workerPath: path.join(root, "lib", "crypto", "verify-worker.ts") };
}

type Job = { resolve: (verdicts: boolean[]) => void; reject: (error: unknown) => void };

// Below this many checks, the round trip to a worker costs more than verifying here.
const checksPerWorkerMin = 64;
// While the workers start (0.1 s each once tsx's cache is warm, a few tenths cold or on a busy machine), a call
// of up to one block's worth of checks is verified here, which takes about as long: a batch of payments need not
// wait for the start-up. Larger calls (an audit) wait for the workers.
const checksWhileStartingMax = blockTransactionsMax;
/**
 * The payment checks that may wait for the workers before another call of `verifyPayments` is refused
 * `overloaded`: the protocol allows that answer only when more than 10,000 payments are already waiting.
 */
export const paymentChecksWaitingMax = pendingPaymentsMax;

export class VerifyPool {
  private readonly workers: Worker[];
  private readonly jobs = new Map<number, Job>();
  private nextJobId = 0;
  /** Settles once every worker has loaded its module; rejects if one fails to. */
  private readonly started: Promise<void>;
  private isStarted = false;
  /** Checks of `verifyPayments` calls not answered yet: the bounded queue of the payment path. */
  private paymentChecksWaitingCount = 0;

  constructor(size = availableParallelism()) {
    const workerData = workerPaths();
    const startups: Promise<void>[] = [];
    this.workers = Array.from({ length: Math.max(1, size) }, () => {
      const worker = new Worker(workerLoaderSource, { eval: true, workerData });
      worker.unref();
      let markReady: () => void = () => {};
      let markFailed: (error: unknown) => void = () => {};
      startups.push(
        new Promise<void>((resolve, reject) => {
          markReady = resolve;
          markFailed = reject;
        }),
      );
      worker.on("message", (message: VerifyWorkerMessage) => {
        if (message.kind === "ready") return markReady();
        const job = this.jobs.get(message.id);
        this.jobs.delete(message.id);
        job?.resolve(message.verdicts);
      });
      worker.on("error", (error) => {
        markFailed(error);
        for (const job of this.jobs.values()) job.reject(error);
        this.jobs.clear();
      });
      return worker;
    });
    this.started = Promise.all(startups).then(() => {
      this.isStarted = true;
    });
    // Awaited by the first call that needs the workers; until then a failed start must not count as unhandled.
    this.started.catch(() => {});
  }

  /** Verifies the checks, answering in order. */
  async verify(checks: readonly SignatureCheck[]): Promise<boolean[]> {
    if (checks.length < checksPerWorkerMin || (!this.isStarted && checks.length <= checksWhileStartingMax)) {
      return checks.map((check) => verifyWithNodeCryptoSync(check.publicKey, check.message, check.signature));
    }
    await this.started;
    const chunkSize = Math.ceil(checks.length / this.workers.length);
    const parts = this.workers.map((worker, index) => {
      const chunk = checks.slice(index * chunkSize, (index + 1) * chunkSize);
      if (chunk.length === 0) return Promise.resolve([]);
      const id = this.nextJobId++;
      return new Promise<boolean[]>((resolve, reject) => {
        this.jobs.set(id, { resolve, reject });
        worker.postMessage({ id, checks: chunk } satisfies VerifyRequest);
      });
    });
    return (await Promise.all(parts)).flat();
  }

  get paymentChecksWaiting(): number {
    return this.paymentChecksWaitingCount;
  }

  /**
   * `verify` for payments, through a bounded queue: a call is refused `overloaded` while more than
   * paymentChecksWaitingMax checks of payments already wait, rather than queueing without end behind them. The
   * audit and the verifiers call `verify`, which waits: their work is bounded by their own callers.
   */
  async verifyPayments(checks: readonly SignatureCheck[]): Promise<boolean[]> {
    if (this.paymentChecksWaitingCount > paymentChecksWaitingMax) {
      throw new LedgerError(
        "overloaded",
        "Too many payments are waiting for their signatures to be checked; retry shortly.",
      );
    }
    this.paymentChecksWaitingCount += checks.length;
    try {
      return await this.verify(checks);
    } finally {
      this.paymentChecksWaitingCount -= checks.length;
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

const globalForPool = globalThis as unknown as { chainpayVerifyPool?: VerifyPool };

/**
 * The verify threads of one server process when `processCount` of them share the machine (WEB_CONCURRENCY): the
 * cores' share of each, but at least two, so that one batch on one worker still verifies on two cores, and never
 * more than the cores. One per core in every process would start cores × cores threads on a large machine.
 */
export function verifyThreadsFor(processCount: number, cores = availableParallelism()): number {
  return Math.min(cores, Math.max(2, Math.ceil(cores / Math.max(1, processCount))));
}

/**
 * This process's pool, made on first use with `size` threads: the server asks for verifyThreadsFor its processes;
 * a script or test alone on the machine takes one per core.
 */
export function getVerifyPool(size = availableParallelism()): VerifyPool {
  globalForPool.chainpayVerifyPool ??= new VerifyPool(size);
  return globalForPool.chainpayVerifyPool;
}
