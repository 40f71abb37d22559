// zod schemas for the holder's own statement: the JSON file the wallet builds in the browser from the node's
// public API and its receipts, and that `npm run verify -- --file` checks offline. Unlike the admin export
// (./export.ts), nothing in it is signed as a whole: each entry carries its own receipt, and the verifier derives
// every field of an entry and the totals from the receipts again, so an edited field cannot pass.
import { z } from "zod";
import { receiptSchema } from "./block";
import { currencySchema } from "./node";
import { amountSchema, chainIdSchema, hex64Schema, memoSchema, timestampSchema } from "./transaction";

/** What a statement file's `format` and `version` say; a verifier refuses anything else. */
export const statementFormatName = "chainpay-statement";
export const statementVersion = 1;

/**
 * A statement lists at most this many payments: the wallet reads at most this many from the node (page by page)
 * and a verifier reads no more. A receipt is about 1.5 KiB of JSON, so a full statement is a few MiB.
 */
export const statementEntriesMax = 2000;
/** The largest statement file the verifier reads: every entry at its largest receipt (10 path hashes), and room. */
export const statementFileBytesMax = 16 * 1024 * 1024;

/** Incoming: the account was paid (or minted to); outgoing: it paid. A transaction's from ≠ to (PROTOCOL.md). */
export const statementDirectionSchema = z.enum(["in", "out"]);
export type StatementDirection = z.infer<typeof statementDirectionSchema>;

/** A sum of minor units: "0" or more, or for the net, possibly negative. */
const sumSchema = z.string().regex(/^(0|[1-9][0-9]{0,19})$/, "must be a whole number of minor units as a string");
const netSchema = z.string().regex(/^(0|-?[1-9][0-9]{0,19})$/, "must be a whole number of minor units as a string");

export const statementEntrySchema = z.strictObject({
  /** The transaction's own timestamp (its signer's clock), which the node held within 10 minutes of its block's. */
  time: timestampSchema,
  direction: statementDirectionSchema,
  /** The other account: the payee of an outgoing payment, the payer (or the node, for a mint) of an incoming one. */
  counterparty: hex64Schema,
  /** Minor units, as the protocol writes amounts. */
  amount: amountSchema,
  memo: memoSchema.optional(),
  txId: hex64Schema,
  blockHeight: z.number().int().min(0),
  receipt: receiptSchema,
});
export type StatementEntry = z.infer<typeof statementEntrySchema>;

export const statementTotalsSchema = z.strictObject({
  count: z.number().int().min(0).max(statementEntriesMax),
  incoming: sumSchema,
  outgoing: sumSchema,
  /** incoming − outgoing. */
  net: netSchema,
});
export type StatementTotals = z.infer<typeof statementTotalsSchema>;

export const statementSchema = z.strictObject({
  format: z.literal(statementFormatName),
  version: z.literal(statementVersion),
  account: hex64Schema,
  chainId: chainIdSchema,
  /** The node key the wallet trusts (pinned at first use); a verifier given a key out of band compares the two. */
  nodePublicKey: hex64Schema,
  currency: currencySchema.strict(),
  createdAt: timestampSchema,
  /** The entries are those with from ≤ time < to: `to` is the start of the day after the last day chosen. */
  range: z
    .strictObject({ from: timestampSchema, to: timestampSchema })
    .refine((range) => range.from < range.to, { message: "must start before it ends", path: ["from"] }),
  /** Newest first, as the node lists an account's history. */
  entries: z.array(statementEntrySchema).max(statementEntriesMax),
  totals: statementTotalsSchema,
});
export type Statement = z.infer<typeof statementSchema>;
