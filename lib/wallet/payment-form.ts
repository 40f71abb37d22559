// The payment form's rules, built from the very schemas the node's route validates with
// (lib/validations/transaction.ts), so that the form and the node can never disagree about what is a valid
// account key, amount or memo. The node's messages are written for developers; each rule here says the same
// thing in plain words (a message key with its values, translated by the form), shown beside its field.
import { z } from "zod";
import { parseMajorUnits } from "../ledger/amount";
import { memoCodePointsMax } from "../ledger/limits";
import type { Currency } from "../ledger/types";
import { accountKeySchema, amountSchema, memoSchema } from "../validations/transaction";
import { walletMessage, type WalletMessage } from "./wallet-message";

export type PaymentFormField = "recipient" | "amount" | "memo";
export const paymentFormFields = ["recipient", "amount", "memo"] as const satisfies readonly PaymentFormField[];

export type PaymentFormValues = Record<PaymentFormField, string>;
export type PaymentFormProblems = Partial<Record<PaymentFormField, WalletMessage>>;

/** What the rules depend on besides the typed text: whose wallet pays, in what currency, from what balance. */
export type PaymentFormContext = { ownKey: string; currency: Currency; balanceMinor: bigint | null };

/** A person pastes keys with stray spaces or capitals; the protocol wants exactly 64 lowercase hex digits. */
export function normaliseAccountKey(text: string): string {
  return text.trim().toLowerCase();
}

export function recipientProblem(text: string, ownKey: string): WalletMessage | null {
  const key = normaliseAccountKey(text);
  if (key === "") return walletMessage("recipient.empty");
  const parsed = accountKeySchema.safeParse(key);
  if (!parsed.success) {
    // The schema says whether the key is valid; which of its rules failed decides what to tell the person.
    const problems = parsed.error.issues.map((issue): unknown =>
      issue.code === "custom" ? issue.params?.accountKeyProblem : null,
    );
    if (problems.includes("small_order")) return walletMessage("recipient.weakKey");
    if (problems.includes("not_a_point")) return walletMessage("recipient.notAPoint");
    return /^[0-9a-f]*$/.test(key)
      ? walletMessage("recipient.wrongLength", { length: key.length })
      : walletMessage("recipient.notHex");
  }
  // The route refuses a payment to its own payer (paymentTransactionSchema's rule on the whole transaction).
  if (key === ownKey) return walletMessage("recipient.ownAccount");
  return null;
}

/** The amount in minor units, or what is wrong with the text. */
export function parseAmountField(
  text: string,
  currency: Currency,
  balanceMinor: bigint | null,
): { amountMinor: bigint; problem: null } | { amountMinor: null; problem: WalletMessage } {
  const refuse = (problem: WalletMessage) => ({ amountMinor: null, problem }) as const;
  if (text.trim() === "") return refuse(walletMessage("amount.empty"));
  const amountMinor = parseMajorUnits(text, currency.decimals);
  if (amountMinor === null) {
    return refuse(
      currency.decimals === 0
        ? walletMessage("amount.notWhole")
        : walletMessage("amount.tooManyDecimals", { decimals: currency.decimals }),
    );
  }
  if (amountMinor <= 0n) return refuse(walletMessage("amount.notPositive"));
  if (!amountSchema.safeParse(amountMinor.toString()).success) return refuse(walletMessage("amount.tooLarge"));
  if (balanceMinor !== null && amountMinor > balanceMinor)
    return refuse({
      key: "amount.overBalance",
      amounts: { balance: { amountMinor: balanceMinor.toString(), currency } },
    });
  return { amountMinor, problem: null };
}

// The ledger's memo rule (memoProblem) words its refusals for developers; each has its plain sentence here.
const memoMessageKeys: readonly [pattern: RegExp, key: string][] = [
  [/well-formed/, "memo.malformed"],
  [/at most/, "memo.tooLong"],
  [/control characters/, "memo.controlCharacters"],
];

export function memoFieldProblem(memo: string): WalletMessage | null {
  const parsed = memoSchema.safeParse(memo);
  if (parsed.success) return null;
  const message = parsed.error.issues[0]?.message ?? "";
  const key = memoMessageKeys.find(([pattern]) => pattern.test(message))?.[1] ?? "memo.refused";
  return walletMessage(key, { max: memoCodePointsMax });
}

/** The form as one zod schema: its output is exactly what the wallet signs. */
export function paymentFormSchema({ ownKey, currency, balanceMinor }: PaymentFormContext) {
  /** Adds `problem` as the field's issue when there is one (its key as the message, the whole of it in params). */
  const check = (problem: WalletMessage | null, context: z.RefinementCtx) => {
    if (problem !== null) context.addIssue({ code: "custom", message: problem.key, params: { problem } });
  };
  return z.object({
    recipient: z
      .string()
      .superRefine((text, context) => check(recipientProblem(text, ownKey), context))
      .transform(normaliseAccountKey),
    amount: z.string().transform((text, context) => {
      const { amountMinor, problem } = parseAmountField(text, currency, balanceMinor);
      if (amountMinor !== null) return amountMinor;
      check(problem, context);
      return z.NEVER;
    }),
    memo: z.string().superRefine((memo, context) => check(memoFieldProblem(memo), context)),
  });
}

export type PaymentDraft = z.output<ReturnType<typeof paymentFormSchema>>;

export type PaymentFormCheck = { draft: PaymentDraft; problems: null } | { draft: null; problems: PaymentFormProblems };

/** Checks the whole form; on failure, one plain-words problem per field, in the form's order. */
export function checkPaymentForm(values: PaymentFormValues, context: PaymentFormContext): PaymentFormCheck {
  const result = paymentFormSchema(context).safeParse(values);
  if (result.success) return { draft: result.data, problems: null };
  const problems: PaymentFormProblems = {};
  for (const issue of result.error.issues) {
    const field = paymentFormFields.find((name) => name === issue.path[0]);
    if (field !== undefined) problems[field] ??= problemOf(issue);
  }
  return { draft: null, problems };
}

/** One field's problem, for checking as the person types. */
export function paymentFieldProblem(
  field: PaymentFormField,
  value: string,
  context: PaymentFormContext,
): WalletMessage | null {
  const result = paymentFormSchema(context).shape[field].safeParse(value);
  const issue = result.success ? undefined : result.error.issues[0];
  return issue === undefined ? null : problemOf(issue);
}

/** The problem a field's check put in its issue. */
function problemOf(issue: z.core.$ZodIssue): WalletMessage {
  const problem =
    issue.code === "custom" ? (issue.params as { problem?: WalletMessage } | undefined)?.problem : undefined;
  return problem ?? walletMessage("form.refused");
}
