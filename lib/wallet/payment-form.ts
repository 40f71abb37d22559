// The payment form's rules, built from the very schemas the node's route validates with
// (lib/validations/transaction.ts), so that the form and the node can never disagree about what is a valid
// account key, amount or memo. The node's messages are written for developers; each rule here says the same
// thing in plain words, and the form shows it beside its field.
import { z } from "zod";
import { parseMajorUnits } from "../ledger/amount";
import type { Currency } from "../ledger/types";
import { accountKeySchema, amountSchema, memoSchema } from "../validations/transaction";
import { formatAmount } from "./format";

export type PaymentFormField = "recipient" | "amount" | "memo";
export const paymentFormFields = ["recipient", "amount", "memo"] as const satisfies readonly PaymentFormField[];

export type PaymentFormValues = Record<PaymentFormField, string>;
export type PaymentFormProblems = Partial<Record<PaymentFormField, string>>;

/** What the rules depend on besides the typed text: whose wallet pays, in what currency, from what balance. */
export type PaymentFormContext = { ownKey: string; currency: Currency; balanceMinor: bigint | null };

/** A person pastes keys with stray spaces or capitals; the protocol wants exactly 64 lowercase hex digits. */
export function normaliseAccountKey(text: string): string {
  return text.trim().toLowerCase();
}

export function recipientProblem(text: string, ownKey: string): string | null {
  const key = normaliseAccountKey(text);
  if (key === "") return "Enter the account key of the person you are paying.";
  const parsed = accountKeySchema.safeParse(key);
  if (!parsed.success) {
    // The schema says whether the key is valid; which of its rules failed decides what to tell the person.
    const problems = parsed.error.issues.map((issue): unknown =>
      issue.code === "custom" ? issue.params?.accountKeyProblem : null,
    );
    if (problems.includes("small_order"))
      return "This is a weak key that anyone could spend from. Ask for the right account key.";
    if (problems.includes("not_a_point")) return "This is not a valid account key: check it for a typo.";
    return /^[0-9a-f]*$/.test(key)
      ? `An account key is 64 characters long; this one has ${key.length}.`
      : "An account key has only the characters 0–9 and a–f.";
  }
  // The route refuses a payment to its own payer (paymentTransactionSchema's rule on the whole transaction).
  if (key === ownKey) return "This is your own account. Enter someone else's.";
  return null;
}

/** The amount in minor units, or what is wrong with the text. */
export function parseAmountField(
  text: string,
  currency: Currency,
  balanceMinor: bigint | null,
): { amountMinor: bigint; problem: null } | { amountMinor: null; problem: string } {
  const refuse = (problem: string) => ({ amountMinor: null, problem }) as const;
  if (text.trim() === "") return refuse("Enter an amount.");
  const amountMinor = parseMajorUnits(text, currency.decimals);
  if (amountMinor === null) {
    return refuse(
      currency.decimals === 0
        ? "Enter a whole number, like 12."
        : `Enter an amount like 12.50, with at most ${currency.decimals} digits after the point.`,
    );
  }
  if (amountMinor <= 0n) return refuse("The amount must be more than zero.");
  if (!amountSchema.safeParse(amountMinor.toString()).success) return refuse("This amount is too large.");
  if (balanceMinor !== null && amountMinor > balanceMinor)
    return refuse(`This is more than your balance of ${formatAmount(balanceMinor, currency)}.`);
  return { amountMinor, problem: null };
}

export function memoFieldProblem(memo: string): string | null {
  const parsed = memoSchema.safeParse(memo);
  if (parsed.success) return null;
  const message = parsed.error.issues[0]?.message ?? "This memo cannot be sent.";
  return message.charAt(0).toUpperCase() + message.slice(1) + ".";
}

/** The form as one zod schema: its output is exactly what the wallet signs. */
export function paymentFormSchema({ ownKey, currency, balanceMinor }: PaymentFormContext) {
  /** Adds `problem` as the field's issue when there is one. */
  const check = (problem: string | null, context: z.RefinementCtx) => {
    if (problem !== null) context.addIssue({ code: "custom", message: problem });
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
    if (field !== undefined) problems[field] ??= issue.message;
  }
  return { draft: null, problems };
}

/** One field's problem, for checking as the person types. */
export function paymentFieldProblem(
  field: PaymentFormField,
  value: string,
  context: PaymentFormContext,
): string | null {
  const result = paymentFormSchema(context).shape[field].safeParse(value);
  return result.success ? null : (result.error.issues[0]?.message ?? null);
}
