// The balance rules: a payment moves money and never makes its payer's balance negative; a mint creates it.
import { parseAmountMinor } from "./amount";
import { balanceMinorMax } from "./limits";
import type { Transaction } from "./types";

export type BalanceProblem = "insufficient_funds" | "balance_overflow";

/** Applies `tx` to `balances` (missing accounts hold 0) or returns why it cannot be applied, changing nothing. */
export function applyTransaction(balances: Map<string, bigint>, tx: Transaction): BalanceProblem | null {
  const amountMinor = parseAmountMinor(tx.amount);
  const fromBalance = balances.get(tx.from) ?? 0n;
  if (tx.type === "payment" && fromBalance < amountMinor) return "insufficient_funds";
  // The payer is debited before the payee's balance is read, so that even a payment to oneself (which the
  // protocol refuses earlier) could never create money here.
  const debited = new Map(tx.type === "payment" ? [[tx.from, fromBalance - amountMinor]] : []);
  const toBalance = debited.get(tx.to) ?? balances.get(tx.to) ?? 0n;
  if (toBalance + amountMinor > balanceMinorMax) return "balance_overflow";
  for (const [account, balance] of debited) balances.set(account, balance);
  balances.set(tx.to, toBalance + amountMinor);
  return null;
}

/**
 * What `tx` does to one account's balance, for a statement's running balance: its payee gains the amount, the
 * payer of a payment loses it, and a mint takes nothing from the node that signs it (it creates money).
 */
export function balanceChangeOf(account: string, tx: Pick<Transaction, "type" | "from" | "to" | "amount">): bigint {
  const amountMinor = BigInt(tx.amount);
  if (tx.to === account) return amountMinor;
  return tx.type === "payment" && tx.from === account ? -amountMinor : 0n;
}
