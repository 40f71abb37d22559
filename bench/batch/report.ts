// The batch part's lines in the bench's output: each round's figures for both kinds of batch, and the ratios
// beside their goal (issue 13).
import { availableParallelism } from "node:os";
import { format } from "../support";
import { batchConnections, batchSize, type BatchResult, type BatchWindow } from "./batch";

export const batchGoals = { overRawVerifyMin: 0.85 } as const;

const verdict = (isMet: boolean) => (isMet ? "met" : "**MISSED**");

const cells = (window: BatchWindow) =>
  `${format(window.paymentsPerSecond)} | ${format(window.rawVerifyPerSecond)} | ${format(window.ratio, 2)} | ` +
  `${format(window.p50Ms)} | ${format(window.loadGeneratorCores, 2)} | ${format(window.nodeCpuMicrosPerPayment)} | ` +
  `${format((availableParallelism() * 1e6) / window.rawVerifyPerSecond)}`;

export function batchLines(result: BatchResult): string[] {
  const { rounds, batches } = result.options;
  const goal = batchGoals.overRawVerifyMin;
  return [
    `${rounds} rounds; a window is ${batches} batches of ${batchSize} over ${batchConnections} connections; ` +
      `${result.workers} workers (as npm start on this machine); SQLite`,
    "| round | batch | payments/s | raw verify/s, same kind of keys | ratio | p50 ms | load generator, cores | node CPU µs a payment | raw verify µs a signature |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ...result.rounds.flatMap(({ repeating, fresh }, index) => [
      `| ${index + 1} | 256 repeating payers ÷ keys imported | ${cells(repeating)} |`,
      `| ${index + 1} | fresh payers ÷ a key import each | ${cells(fresh)} |`,
    ]),
    "",
    `batch ÷ raw verify for the same keys, medians of the rounds' ratios: repeating payers ` +
      `${format(result.repeatingOverImported, 2)}, fresh payers ${format(result.freshOverDistinct, 2)} ` +
      `(goal ≥ ${goal}: ${verdict(Math.min(result.repeatingOverImported, result.freshOverDistinct) >= goal)})`,
    "(the ratio cannot pass the raw verify's CPU a signature ÷ the node's CPU a payment: the verification is one part of what a payment costs)",
    `non-2xx answers to batches: ${result.rounds.reduce((sum, round) => sum + round.repeating.non2xx + round.fresh.non2xx, 0)}`,
  ];
}
