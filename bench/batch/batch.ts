// The bench's batch part (issue 13): POST /api/payments/batch against the machine's raw Ed25519 verify rate, each
// kind of batch against verification of its own kind of keys, measured back to back in each round:
// - batches from a few repeating payers (256, funded once) against verification with the keys already imported:
//   the node keeps the keys it has seen in a cache, so neither side imports a key;
// - batches of fresh payers, each item by a payer the node has never verified, against verification with a key
//   import each (the raw rate as STACK.md measures it).
// Each round first pays one unit from the repeating payers to as many new wallets as the fresh batches need (that
// is the repeating window), then has each of those wallets pay it on (the fresh window). The node is served as
// `npm start` serves it, one worker per core. Batches of 500 over 4 connections, what merchants and payout jobs
// send. The load generator (autocannon, in this process) shares the cores: its CPU is reported beside the figures.
// Settings (README "Speed"): BENCH_BATCH=0 skips it, BENCH_BATCH_ROUNDS the rounds, BENCH_BATCH_BATCHES the batches
// a window.
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { startServer, type RunningServer } from "../../tests/support/server";
import { load } from "../load";
import { withLoadGeneratorCores, withProcessTreeCpuSeconds } from "../process-cpu";
import { rawVerifyRate, type RawVerifyKeys } from "../raw-verify";
import {
  benchChainId,
  benchFaucetEnvironment,
  fund,
  makeWallet,
  signPayment,
  wholeNumberSetting,
  type Wallet,
  median,
} from "../support";

export type BatchOptions = { rounds: number; batches: number };

export const batchSize = 500;
export const batchConnections = 4;
const repeatingPayerCount = 256;

export function batchOptionsFromEnvironment(): BatchOptions | null {
  if (process.env.BENCH_BATCH === "0") return null;
  return {
    rounds: wholeNumberSetting("BENCH_BATCH_ROUNDS", 3, 1),
    batches: wholeNumberSetting("BENCH_BATCH_BATCHES", 40, 4),
  };
}

/** One kind of batch in one round: its rate, the raw rate of its kind measured right beside it, and their ratio. */
export type BatchWindow = {
  paymentsPerSecond: number;
  rawVerifyPerSecond: number;
  ratio: number;
  p50Ms: number;
  non2xx: number;
  loadGeneratorCores: number;
  /** The node's CPU (every process and thread) over the window, a payment. */
  nodeCpuMicrosPerPayment: number;
};

export type BatchRound = { repeating: BatchWindow; fresh: BatchWindow };

export type BatchResult = {
  options: BatchOptions;
  workers: number;
  rounds: BatchRound[];
  /** The medians of the rounds' own ratios. Goal ≥ 0.85 for each. */
  repeatingOverImported: number;
  freshOverDistinct: number;
};

/** Batches of `batchSize` payments, the k-th payment from `payerOf(k)` to `payeeOf(k)`, each batch as its body. */
function batchBodies(count: number, payerOf: (k: number) => Wallet, payeeOf: (k: number) => string): string[] {
  return Array.from({ length: count }, (_, batch) =>
    JSON.stringify({
      payments: Array.from({ length: batchSize }, (_, item) => {
        const k = batch * batchSize + item;
        return signPayment(payerOf(k), payeeOf(k));
      }),
    }),
  );
}

async function batchWindow(
  server: RunningServer,
  bodies: string[],
): Promise<Omit<BatchWindow, "rawVerifyPerSecond" | "ratio">> {
  const {
    value: { value: result, cores },
    cpuSeconds: nodeCpuSeconds,
  } = await withProcessTreeCpuSeconds(server.process.pid!, () =>
    withLoadGeneratorCores(() => load(`${server.url}/api/payments/batch`, batchConnections, bodies.length, bodies)),
  );
  return {
    nodeCpuMicrosPerPayment: (nodeCpuSeconds * 1e6) / (bodies.length * batchSize),
    paymentsPerSecond: result.requestsPerSecond * batchSize,
    p50Ms: result.p50Ms,
    non2xx: result.errors,
    loadGeneratorCores: cores,
  };
}

/** The batch window and the raw rate, the raw rate first in every other round: drift falls on both sides. */
async function pair(
  round: number,
  measureBatch: () => Promise<Omit<BatchWindow, "rawVerifyPerSecond" | "ratio">>,
  measureRaw: () => Promise<number>,
): Promise<BatchWindow> {
  let rawVerifyPerSecond = round % 2 === 1 ? await measureRaw() : 0;
  const batch = await measureBatch();
  if (round % 2 === 0) rawVerifyPerSecond = await measureRaw();
  return { ...batch, rawVerifyPerSecond, ratio: batch.paymentsPerSecond / rawVerifyPerSecond };
}

/**
 * The raw rate of `keys`: the best of three short runs. It is the machine's capacity, and a run of half a second
 * is easily cut short by anything else on it (this process's own garbage collection after signing a window's
 * bodies was seen to take a fifth off one).
 */
async function rawCapacity(keys: RawVerifyKeys): Promise<number> {
  let best = 0;
  for (let run = 0; run < 3; run++) best = Math.max(best, await rawVerifyRate(keys));
  return best;
}

async function balanceOf(server: RunningServer, account: string): Promise<bigint> {
  const response = await fetch(`${server.url}/api/accounts/${account}?limit=1`);
  if (!response.ok) throw new Error(`GET /api/accounts answered ${response.status}`);
  return BigInt(((await response.json()) as { balance: string }).balance);
}

export async function benchBatch(options: BatchOptions): Promise<BatchResult> {
  const workers = availableParallelism();
  const dataDir = mkdtempSync(path.join(tmpdir(), "chainpay-bench-batch-"));
  const server = await startServer({
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, "chainpay.db")}`,
    CHAIN_ID: benchChainId,
    ...benchFaucetEnvironment,
    WEB_CONCURRENCY: String(workers),
  });
  try {
    const repeating = Array.from({ length: repeatingPayerCount }, makeWallet);
    await fund([server], repeating);
    const payee = makeWallet().publicKey;
    const fromRepeating = (k: number) => repeating[k % repeating.length]!;
    // Warm-up (JIT, the key cache, the verify threads): a window's worth at most, from the repeating payers.
    const warmUpBatches = Math.min(options.batches, 10);
    await batchWindow(
      server,
      batchBodies(warmUpBatches, fromRepeating, () => payee),
    );
    const rounds: BatchRound[] = [];
    let paidToPayee = BigInt(warmUpBatches * batchSize);
    for (let round = 0; round < options.rounds; round++) {
      const fresh = Array.from({ length: options.batches * batchSize }, makeWallet);
      const funding = batchBodies(options.batches, fromRepeating, (k) => fresh[k]!.publicKey);
      const payingOn = batchBodies(
        options.batches,
        (k) => fresh[k]!,
        () => payee,
      );
      const repeatingWindow = await pair(
        round,
        () => batchWindow(server, funding),
        () => rawCapacity({ kind: "imported", payers: repeatingPayerCount }),
      );
      const freshWindow = await pair(
        round,
        () => batchWindow(server, payingOn),
        () => rawCapacity({ kind: "distinct" }),
      );
      // Every fresh wallet was funded by the first window and paid on in the second, or the payee is short: a
      // refused item is answered inside a 200, so the status codes alone would not show it.
      paidToPayee += BigInt(fresh.length);
      const payeeBalance = await balanceOf(server, payee);
      if (payeeBalance !== paidToPayee) {
        throw new Error(`batch bench: the payee holds ${payeeBalance} after round ${round + 1}, not ${paidToPayee}`);
      }
      rounds.push({ repeating: repeatingWindow, fresh: freshWindow });
    }
    return {
      options,
      workers,
      rounds,
      repeatingOverImported: median(rounds.map((round) => round.repeating.ratio)),
      freshOverDistinct: median(rounds.map((round) => round.fresh.ratio)),
    };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
