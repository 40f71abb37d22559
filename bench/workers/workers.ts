// The bench's workers part (issue 13): what a second server process per node buys. Two nodes on this machine,
// one served by a single process (WEB_CONCURRENCY=1) and one by two workers (WEB_CONCURRENCY=2), take the same
// loads in alternating windows: POST /api/payments at 64 connections of signed payments, and GET /api/health at
// 64 connections. The goals: payments/s with two workers ≥ 1.5 × one, and payments ÷ health ≥ 0.9 on each. The
// load generator (autocannon, in this process) shares the machine's cores with the node: its own CPU time is
// reported beside the figures, and so is the node's own CPU a request (every process and thread, from /proc): when
// both loads keep the node's cores busy, payments ÷ health is about health's CPU a request ÷ a payment's.
// Settings (README "Speed"): BENCH_WORKERS=0 skips it, BENCH_WORKERS_SECONDS a window, BENCH_WORKERS_ROUNDS the
// rounds.
import autocannon from "autocannon";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startServer, type RunningServer } from "../../tests/support/server";
import { withLoadGeneratorCores, withProcessTreeCpuSeconds } from "../process-cpu";
import { runTogether } from "../scale-out";
import {
  alternatingRounds,
  benchChainId,
  benchFaucetEnvironment,
  fundedPaymentBodies,
  windowOptionsFromEnvironment,
  median,
} from "../support";

export type WorkersOptions = { seconds: number; rounds: number };

/** One window on one node: payments/s and its p99, health/s, and the share of a core the load generator took. */
export type WorkersWindow = {
  paymentsPerSecond: number;
  paymentsP99Ms: number;
  healthPerSecond: number;
  non2xx: number;
  loadGeneratorCores: number;
  /** The node's CPU (its processes and threads) over the payments run ÷ the payments it created. */
  nodeCpuMicrosPerPayment: number;
  /** The same over the health run ÷ the health requests it answered. */
  nodeCpuMicrosPerHealth: number;
};

export type WorkersRound = { one: WorkersWindow; two: WorkersWindow };

export type WorkersResult = {
  options: WorkersOptions;
  rounds: WorkersRound[];
  /** Payments/s with two workers ÷ one: the median of the rounds' own ratios. Goal ≥ 1.5. */
  twoOverOne: number;
  /** Payments ÷ health on each node: the medians of the rounds' own ratios. Goal ≥ 0.9. */
  paymentsOverHealth: { one: number; two: number };
};

export const connections = 64;
const payerCount = 256;
const warmUpPayments = 3_000;

export function workersOptionsFromEnvironment(): WorkersOptions | null {
  return windowOptionsFromEnvironment("WORKERS", { seconds: 5, rounds: 5 });
}

type Node = { server: RunningServer; dataDir: string; bodies: (count: number) => string[] };

async function startNode(workers: number): Promise<Node> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `chainpay-bench-workers-${workers}-`));
  const server = await startServer({
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, "chainpay.db")}`,
    CHAIN_ID: benchChainId,
    ...benchFaucetEnvironment,
    WEB_CONCURRENCY: String(workers),
  });
  return { server, dataDir, bodies: await fundedPaymentBodies(server, payerCount) };
}

/** GET /api/health for `seconds` at `connections`: the 2xx answers. */
async function healthSuccesses(url: string, seconds: number): Promise<number> {
  const result = await autocannon({ url: `${url}/api/health`, connections, duration: seconds });
  return Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => code.startsWith("2"))
    .reduce((sum, [, stats]) => sum + Number(stats.count), 0);
}

/** Runs `work` and says how many seconds of CPU the node's processes and threads used meanwhile. */
function withNodeCpuSeconds<T>(node: Node, work: () => Promise<T>): Promise<{ value: T; cpuSeconds: number }> {
  return withProcessTreeCpuSeconds(node.server.process.pid ?? Number.NaN, work);
}

async function window(node: Node, seconds: number, fastestRate: number): Promise<WorkersWindow> {
  // Twice what the fastest node answered so far, so that the load never runs out of bodies inside the window.
  const bodies = node.bodies(Math.ceil(fastestRate * (seconds + 1) * 2) + 1_000);
  const {
    value: { value: payments, cores },
    cpuSeconds: paymentsCpuSeconds,
  } = await withNodeCpuSeconds(node, () =>
    withLoadGeneratorCores(() => runTogether([{ url: node.server.url, connections, bodies }], seconds)),
  );
  const { value: health, cpuSeconds: healthCpuSeconds } = await withNodeCpuSeconds(node, () =>
    healthSuccesses(node.server.url, seconds),
  );
  // Over each whole run, its tail after the window included: the CPU and the answers of the same stretch.
  const created = payments.statusCounts["201"] ?? 0;
  return {
    paymentsPerSecond: payments.paymentsPerSecond,
    paymentsP99Ms: payments.p99Ms,
    healthPerSecond: health / seconds,
    non2xx: payments.non2xx,
    loadGeneratorCores: cores,
    nodeCpuMicrosPerPayment: (paymentsCpuSeconds * 1e6) / created,
    nodeCpuMicrosPerHealth: (healthCpuSeconds * 1e6) / health,
  };
}

export async function benchWorkers(options: WorkersOptions): Promise<WorkersResult> {
  const one = await startNode(1);
  const two = await startNode(2).catch(async (error: unknown) => {
    await one.server.stop();
    throw error;
  });
  try {
    let fastestRate = 0;
    for (const node of [one, two]) {
      const warmUp = await runTogether([{ url: node.server.url, connections, bodies: node.bodies(warmUpPayments) }]);
      await healthSuccesses(node.server.url, 1);
      fastestRate = Math.max(fastestRate, warmUp.paymentsPerSecond);
    }
    const rounds: WorkersRound[] = (
      await alternatingRounds(options.rounds, fastestRate, (side, rate) =>
        window(side === 0 ? one : two, options.seconds, rate),
      )
    ).map(([oneWindow, twoWindow]) => ({ one: oneWindow, two: twoWindow }));
    return {
      options,
      rounds,
      twoOverOne: median(rounds.map((round) => round.two.paymentsPerSecond / round.one.paymentsPerSecond)),
      paymentsOverHealth: {
        one: median(rounds.map((round) => round.one.paymentsPerSecond / round.one.healthPerSecond)),
        two: median(rounds.map((round) => round.two.paymentsPerSecond / round.two.healthPerSecond)),
      },
    };
  } finally {
    await Promise.all([one.server.stop(), two.server.stop()]);
    for (const node of [one, two]) rmSync(node.dataDir, { recursive: true, force: true });
  }
}
