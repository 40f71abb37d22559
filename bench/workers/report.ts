// The workers part's lines in the bench's output: each round's figures on both nodes, and the ratios beside their
// goals (issue 13).
import { connections, type WorkersResult } from "./workers";
import { format, median } from "../support";

export const workersGoals = { twoOverOneMin: 1.5, paymentsOverHealthMin: 0.9 } as const;

const verdict = (isMet: boolean) => (isMet ? "met" : "**MISSED**");

/**
 * The node's CPU a payment and a health request on one node (medians over the rounds), and health's ÷ a
 * payment's, the median of the rounds' own: with the node's cores busy under both loads, payments ÷ health
 * comes to about that.
 */
function cpuLine(result: WorkersResult, side: "one" | "two", label: string): string {
  const windows = result.rounds.map((round) => round[side]);
  const payment = median(windows.map((window) => window.nodeCpuMicrosPerPayment));
  const health = median(windows.map((window) => window.nodeCpuMicrosPerHealth));
  const ratio = median(windows.map((window) => window.nodeCpuMicrosPerHealth / window.nodeCpuMicrosPerPayment));
  return (
    `${label}: the node's CPU ${format(payment)} µs a payment, ${format(health)} µs a health request ` +
    `(a payment's own work ${format(payment - health)} µs); health's CPU a request ÷ a payment's, ` +
    `the median of the rounds': ${format(ratio, 2)}`
  );
}

export function workersLines(result: WorkersResult): string[] {
  const { seconds, rounds } = result.options;
  const { twoOverOne, paymentsOverHealth } = result;
  return [
    `${rounds} rounds of a ${seconds} s window of POST /api/payments, then one of GET /api/health, on each node, ` +
      `alternating; ${connections} connections; SQLite`,
    "| round | payments/s, 1 worker | 2 workers | ratio | health/s, 1 | health/s, 2 | p99 ms, 1 | p99 ms, 2 | load generator, cores (1 / 2) | node CPU µs a payment (1 / 2) | a health request (1 / 2) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...result.rounds.map(
      ({ one, two }, index) =>
        `| ${index + 1} | ${format(one.paymentsPerSecond)} | ${format(two.paymentsPerSecond)} | ` +
        `${format(two.paymentsPerSecond / one.paymentsPerSecond, 2)} | ${format(one.healthPerSecond)} | ` +
        `${format(two.healthPerSecond)} | ${format(one.paymentsP99Ms)} | ${format(two.paymentsP99Ms)} | ` +
        `${format(one.loadGeneratorCores, 2)} / ${format(two.loadGeneratorCores, 2)} | ` +
        `${format(one.nodeCpuMicrosPerPayment)} / ${format(two.nodeCpuMicrosPerPayment)} | ` +
        `${format(one.nodeCpuMicrosPerHealth)} / ${format(two.nodeCpuMicrosPerHealth)} |`,
    ),
    "",
    `payments/s with 2 workers ÷ 1, the median of the rounds' ratios: ${format(twoOverOne, 2)} ` +
      `(goal ≥ ${workersGoals.twoOverOneMin} on two free cores: ${verdict(twoOverOne >= workersGoals.twoOverOneMin)})`,
    `payments ÷ health, medians of the rounds' ratios: ${format(paymentsOverHealth.one, 2)} with 1 worker, ` +
      `${format(paymentsOverHealth.two, 2)} with 2 (goal ≥ ${workersGoals.paymentsOverHealthMin}: ` +
      `${verdict(Math.min(paymentsOverHealth.one, paymentsOverHealth.two) >= workersGoals.paymentsOverHealthMin)})`,
    cpuLine(result, "one", "1 worker"),
    cpuLine(result, "two", "2 workers"),
    `non-2xx answers to payments: ${result.rounds.reduce((sum, round) => sum + round.one.non2xx + round.two.non2xx, 0)}`,
  ];
}
