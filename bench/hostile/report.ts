// The hostile part's lines in the bench's output: a table of quiet and attacked figures per attack, then the
// goal check (issue 10): payments/s and health p99 each ≥ 0.5 of the quiet figure, health p99 under 500 ms
// while the attack runs, and the hot account's page under 50 ms median.
import type { HostileResult } from "./hostile";
import { healthProbesPerSecond } from "./health-probe";
import { paymentConnections } from "./measure";
import { format } from "../support";

export const hostileGoals = { ratioMin: 0.5, healthP99MsMax: 500, hotPageMedianMsMax: 50 } as const;

const verdict = (isMet: boolean) => (isMet ? "met" : "**MISSED**");

export function hostileLines(result: HostileResult): string[] {
  const { seconds, rounds } = result.options;
  const lines = [
    `each attack on its own fresh server: ${rounds} rounds of a ${seconds} s quiet window, then ${seconds} s with the ` +
      `attack running; POST /api/payments at ${paymentConnections} connections with GET /api/health probed at ` +
      `${healthProbesPerSecond}/s (open loop) beside it; the median round of each figure`,
    "| attack | payments/s quiet | under attack | ratio | health p99 ms quiet | under attack | ratio (quiet ÷ attack) | what the attack did (last round) |",
    "|---|---:|---:|---:|---:|---:|---:|---|",
    ...result.attacks.map(
      (attack) =>
        `| ${attack.name} | ${format(attack.quiet.paymentsPerSecond)} | ${format(attack.underAttack.paymentsPerSecond)} | ` +
        `${format(attack.paymentsRatio, 2)} | ${format(attack.quiet.healthP99Ms, 1)} | ${format(attack.underAttack.healthP99Ms, 1)} | ` +
        `${format(attack.healthP99Ratio, 2)} | ${attack.rounds.at(-1)?.attack.summary ?? ""} |`,
    ),
    "",
    `goal check (payments/s and health p99 each ≥ ${hostileGoals.ratioMin} of quiet, health p99 < ${hostileGoals.healthP99MsMax} ms under attack):`,
    ...result.attacks.map((attack) => {
      const isPaymentsMet = attack.paymentsRatio >= hostileGoals.ratioMin;
      const isHealthRatioMet = attack.healthP99Ratio >= hostileGoals.ratioMin;
      const isHealthMet = attack.underAttack.healthP99Ms < hostileGoals.healthP99MsMax;
      return (
        `- ${attack.name}: payments/s ${format(attack.paymentsRatio, 2)} of quiet (${verdict(isPaymentsMet)}), ` +
        `health p99 ${format(attack.healthP99Ratio, 2)} of quiet (${verdict(isHealthRatioMet)}), ` +
        `health p99 ${format(attack.underAttack.healthP99Ms)} ms (${verdict(isHealthMet)})`
      );
    }),
  ];
  if (result.hotAccount === null) {
    lines.push("- the hot account: skipped (BENCH_HOSTILE_ACCOUNT_PAYMENTS=0, or not in BENCH_HOSTILE_ATTACKS)");
    return lines;
  }
  const { alone, payments, seedSeconds } = result.hotAccount;
  lines.push(
    `- the hot account's page alone (${format(payments)} payments between 2 accounts, seeded in ${format(seedSeconds, 1)} s): ` +
      `median ${format(alone.medianMs, 1)} ms (first page ${format(alone.firstPageMedianMs, 1)}, deeper pages ` +
      `${format(alone.deeperPageMedianMs, 1)}; p95 ${format(alone.p95Ms, 1)}) (target < ${hostileGoals.hotPageMedianMsMax} ms: ` +
      `${verdict(alone.medianMs < hostileGoals.hotPageMedianMsMax)})`,
  );
  return lines;
}
