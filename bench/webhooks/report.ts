// The webhooks part's lines in the bench's output: each round's payments/s on both nodes, the ratio beside its
// goal (issue 12), and what the dead endpoints' outbox holds at the end.
import { paymentConnections } from "../hostile/measure";
import type { WebhooksResult } from "./webhooks";
import { format } from "../support";

export const webhooksGoals = { ratioMin: 0.9 } as const;

export function webhooksLines(result: WebhooksResult): string[] {
  const { seconds, rounds } = result.options;
  const isMet = result.ratio >= webhooksGoals.ratioMin;
  return [
    `${rounds} rounds of a ${seconds} s window on each node, alternating; POST /api/payments at ${paymentConnections} ` +
      "connections; the payee of the second node has 2 dead endpoints (a port that never answers, one that refuses)",
    "| round | payments/s, no endpoint | with 2 dead endpoints | ratio | p99 ms, none | p99 ms, dead endpoints |",
    "|---|---:|---:|---:|---:|---:|",
    ...result.rounds.map(
      (round, index) =>
        `| ${index + 1} | ${format(round.plain.paymentsPerSecond)} | ${format(round.hooked.paymentsPerSecond)} | ` +
        `${format(round.hooked.paymentsPerSecond / round.plain.paymentsPerSecond, 2)} | ${format(round.plain.p99Ms)} | ` +
        `${format(round.hooked.p99Ms)} |`,
    ),
    "",
    `payments/s with 2 dead endpoints ÷ none, the median of the rounds' ratios: ${format(result.ratio, 2)} ` +
      `(goal ≥ ${webhooksGoals.ratioMin}: ${isMet ? "met" : "**MISSED**"}); the medians of the rates: ` +
      `${format(result.hookedPaymentsPerSecond)} and ${format(result.plainPaymentsPerSecond)} payments/s`,
    `the dead endpoints' outbox at the end: ${format(result.outbox.rows)} deliveries, ${format(result.outbox.pending)} ` +
      `pending, ${format(result.outbox.attempts)} attempts in all (the endpoints rest between failures)`,
  ];
}
