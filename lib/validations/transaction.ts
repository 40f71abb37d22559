// zod schemas for the protocol's request bodies, shared by the route handlers and the wallet's forms.
import { z } from "zod";
import { amountPattern, balancePattern, batchPaymentsMax } from "../ledger/limits";
import { hex128Pattern, hex64Pattern } from "../ledger/hex";
import { accountKeyProblem } from "../ledger/ed25519";
import { isIsoTimestamp, memoProblem } from "../ledger/transaction";
import type { Transaction } from "../ledger/types";

export const hex64Schema = z.string().regex(hex64Pattern, "must be 64 lowercase hexadecimal characters");

/** What the node says of a key that breaks the account rule; the wallet says the same in plainer words. */
export const accountKeyMessages = {
  not_a_point: "is not an Ed25519 public key: it does not decode to a point of the curve (RFC 8032 §5.1.3)",
  small_order: "is a weak key (a point of small order) that anyone could sign for",
} as const;

/**
 * An account key: hex64 of an Ed25519 point that is not one of the weak small-order points anyone could sign for
 * (accountKeyProblem, the one account rule). A shape check, so the node refuses such a key before anything else.
 */
export const accountKeySchema = hex64Schema.superRefine((key, context) => {
  const problem = accountKeyProblem(key);
  // A malformed key has its issue from the regex already; the rest name the rule broken, in params for the wallet.
  if (problem === null || problem === "malformed") return;
  context.addIssue({ code: "custom", message: accountKeyMessages[problem], params: { accountKeyProblem: problem } });
});
export const hex128Schema = z.string().regex(hex128Pattern, "must be 128 lowercase hexadecimal characters");

export const amountSchema = z
  .string()
  .regex(amountPattern, "must be a whole number of minor units written as a string: 1 to 16 digits, no leading zero");

/** An account's balance as a node reports it: minor units, never negative, "0" for an account never seen. */
export const balanceSchema = z
  .string()
  .regex(balancePattern, "must be a whole number of minor units written as a string, without a leading zero");

export const memoSchema = z.string().superRefine((memo, context) => {
  const problem = memoProblem(memo);
  if (problem !== null) context.addIssue({ code: "custom", message: problem });
});

export const timestampSchema = z
  .string()
  .refine(isIsoTimestamp, "must be an ISO 8601 UTC time with milliseconds, like 2026-11-25T22:00:00.000Z");

/** Printable ASCII only: a chain id is compared byte for byte and must canonicalise the same everywhere. */
export const chainIdSchema = z.string().regex(/^[\x20-\x7e]{1,64}$/, "must be 1 to 64 printable ASCII characters");

const transactionFields = {
  chainId: chainIdSchema,
  from: accountKeySchema,
  to: accountKeySchema,
  amount: amountSchema,
  memo: memoSchema.optional(),
  timestamp: timestampSchema,
};

const differentAccounts: [(tx: { from: string; to: string }) => boolean, { message: string; path: string[] }] = [
  (tx) => tx.from !== tx.to,
  { message: "must differ from the payer's account", path: ["to"] },
];

/** A payment as a wallet submits it: nothing but the signed fields is accepted. */
export const paymentTransactionSchema = z
  .strictObject({ type: z.literal("payment", 'must be "payment"'), ...transactionFields })
  .refine(...differentAccounts);

/** Any recorded transaction: a payment or a mint signed by the node. */
export const transactionSchema = z
  .strictObject({ type: z.enum(["payment", "mint"]), ...transactionFields })
  .refine(...differentAccounts) satisfies z.ZodType<Transaction>;

export const signedPaymentSchema = z.strictObject({ tx: paymentTransactionSchema, signature: hex128Schema });
export type SignedPaymentInput = z.infer<typeof signedPaymentSchema>;

export const signedTransactionSchema = z.strictObject({ tx: transactionSchema, signature: hex128Schema });

/** The batch body's outer shape; each item is checked on its own, so one bad item spoils nothing else. */
export const batchBodySchema = z.strictObject({
  payments: z
    .array(z.unknown())
    .min(1, "must hold at least one payment")
    .max(batchPaymentsMax, `must hold at most ${batchPaymentsMax} payments`),
});

export const faucetBodySchema = z.strictObject({ account: accountKeySchema });
