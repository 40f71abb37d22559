// The witnessed part's lines in the bench's output: each round's payments/s on both set-ups, the ratio, the
// witnessed lag, and the log routes' times on the long chain, each beside its goal (issue 11).
import { healthProbesPerSecond } from "../hostile/health-probe";
import { paymentConnections } from "../hostile/measure";
import { lagPollIntervalMs, lagTimeoutMs, type LagFigures } from "./lag";
import type { WitnessedResult } from "./witnessed";
import { format } from "../support";

export const witnessedGoals = { ratioMin: 0.9, routeMedianMsMax: 10 } as const;

const verdict = (isMet: boolean) => (isMet ? "met" : "**MISSED**");

function lagLine(what: string, lag: LagFigures): string {
  if (lag.abandoned)
    return `${what}: NOT MEASURED, no payment was witnessed within ${lagTimeoutMs / 1000} s (${lag.timedOut} timed out, ${lag.failed} failed)`;
  return (
    `${what}: p50 ${format(lag.p50Ms)} ms, p99 ${format(lag.p99Ms)} ms, max ${format(lag.maxMs)} ms over ` +
    `${lag.samples} samples (${lag.timedOut} not witnessed within ${lagTimeoutMs / 1000} s, ${lag.failed} failed)`
  );
}

export function witnessedLines(result: WitnessedResult): string[] {
  const { seconds, rounds } = result.options;
  const lines = [
    `${rounds} rounds of a ${seconds} s window on each set-up, alternating; POST /api/payments at ${paymentConnections} ` +
      `connections with GET /api/health probed at ${healthProbesPerSecond}/s beside it, and a lag sample every ` +
      `250 ms (polled every ${lagPollIntervalMs} ms)`,
    "| round | payments/s, no witnesses | with 3 witnesses (2 of 3) | ratio | p99 ms, none | p99 ms, witnessed |",
    "|---|---:|---:|---:|---:|---:|",
    ...result.rounds.map(
      (round, index) =>
        `| ${index + 1} | ${format(round.plain.paymentsPerSecond)} | ${format(round.witnessed.paymentsPerSecond)} | ` +
        `${format(round.witnessed.paymentsPerSecond / round.plain.paymentsPerSecond, 2)} | ` +
        `${format(round.plain.paymentsP99Ms)} | ${format(round.witnessed.paymentsP99Ms)} |`,
    ),
    "",
    `payments/s with ${result.witnesses} witnesses (${result.quorum} of ${result.witnesses}) ÷ none, median rounds: ` +
      `${format(result.witnessedPaymentsPerSecond)} ÷ ${format(result.plainPaymentsPerSecond)} = ` +
      `${format(result.ratio, 2)} (goal ≥ ${witnessedGoals.ratioMin}: ${verdict(result.ratio >= witnessedGoals.ratioMin)})`,
    lagLine(
      `witnessed lag (201 → GET /api/transactions/{txId}/witnessed 200), ${result.quorum} of ${result.witnesses}`,
      result.lag,
    ),
    lagLine("the same with no witnesses (quorum none: the node's own checkpoint)", result.plainLag),
    `at the end, the witnessed node's log holds ${format(result.endState.logSize ?? Number.NaN)} blocks and its newest ` +
      `witnessed checkpoint ${result.endState.witnessedSize === null ? "does not exist (GET /api/log/checkpoint is not 200)" : `has size ${format(result.endState.witnessedSize)}`}`,
  ];
  if (result.logRoutes === null) {
    lines.push("log routes: skipped (BENCH_WITNESSED_BLOCKS=0)");
    return lines;
  }
  const { logRoutes } = result;
  lines.push(
    "",
    `log routes on a chain of ${format(logRoutes.blocks)} one-transaction blocks (log size ${format(logRoutes.logSize)}, ` +
      `seeded in ${format(logRoutes.seedSeconds, 1)} s), random parameters, one request at a time:`,
    "| route | requests | median ms | p99 ms | max ms |",
    "|---|---:|---:|---:|---:|",
    ...logRoutes.routes.map(
      (route) =>
        `| ${route.route} | ${route.requests} | ${format(route.medianMs, 2)} | ${format(route.p99Ms, 2)} | ${format(route.maxMs, 2)} |`,
    ),
    "",
    ...logRoutes.routes.map(
      (route) =>
        `${route.route} median: ${format(route.medianMs, 2)} ms (goal < ${witnessedGoals.routeMedianMsMax} ms: ` +
        `${verdict(route.medianMs < witnessedGoals.routeMedianMsMax)})`,
    ),
  );
  return lines;
}
