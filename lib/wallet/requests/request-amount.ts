// The amount a person types into a request (the payee's dialog, or the payer's form for an open amount), read into
// minor units with the protocol's own rules. Problems are named by code, so that each form says them in its
// reader's language (messages/<locale>/requests.json, amountProblem.*).
import { parseMajorUnits } from "../../ledger/amount";
import { memoCodePointsMax } from "../../ledger/limits";
import { memoProblem } from "../../ledger/transaction";
import type { Currency } from "../../ledger/types";
import { amountSchema } from "../../validations/transaction";

export type AmountProblem = "empty" | "format" | "zero" | "tooLarge" | "overBalance";

export type AmountCheck = { ok: true; amountMinor: bigint } | { ok: false; problem: AmountProblem };

/** `balanceMinor`: the payer's balance, to refuse more than it up front; null when not known or not relevant. */
export function checkRequestAmount(text: string, currency: Currency, balanceMinor: bigint | null): AmountCheck {
  if (text.trim() === "") return { ok: false, problem: "empty" };
  const amountMinor = parseMajorUnits(text, currency.decimals);
  if (amountMinor === null) return { ok: false, problem: "format" };
  if (amountMinor <= 0n) return { ok: false, problem: "zero" };
  if (!amountSchema.safeParse(amountMinor.toString()).success) return { ok: false, problem: "tooLarge" };
  if (balanceMinor !== null && amountMinor > balanceMinor) return { ok: false, problem: "overBalance" };
  return { ok: true, amountMinor };
}

export type MemoProblem = "tooLong" | "control";

export function checkRequestMemo(memo: string): MemoProblem | null {
  if (memoProblem(memo) === null) return null;
  return [...memo].length > memoCodePointsMax ? "tooLong" : "control";
}
