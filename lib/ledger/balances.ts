// The balance rules: a payment moves money and never makes its payer's balance negative; a mint creates it.
import { parseAmountMinor } from "./amount";
import { balanceMinorMax } from "./limits";
import type { Transaction } from "./types";

export type BalanceProblem = "insufficient_funds" | "balance_overflow";

/** Applies `tx` to `balances` (missing accounts hold 0) or returns why it cannot be applied, changing nothing. */
export function applyTransaction(balances: Map<string, bigint>, tx: Transaction): BalanceProblem | null {
  const amountMinor = parseAmountMinor(tx.amount);
  const toBalance = balances.get(tx.to) ?? 0n;
  if (toBalance + amountMinor > balanceMinorMax) return "balance_overflow";
  if (tx.type === "payment") {
    const fromBalance = balances.get(tx.from) ?? 0n;
    if (fromBalance < amountMinor) return "insufficient_funds";
    balances.set(tx.from, fromBalance - amountMinor);
  }
  balances.set(tx.to, toBalance + amountMinor);
  return null;
}
