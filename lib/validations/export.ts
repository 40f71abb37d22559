// zod schemas for exports: the admin export route's query, the file's format name and version, and the summary
// the node signs. The blocks and receipts an export holds have the protocol's own shapes (./block.ts), which the
// offline verifier checks.
import { z } from "zod";
import { currencySchema } from "./node";
import { queryIntegerSchema } from "./pagination";
import { balanceSchema, chainIdSchema, hex128Schema, hex64Schema, timestampSchema } from "./transaction";

/**
 * What an export file's `format` and `version` say; a verifier refuses anything else. Version 2 added the signed
 * summary: a version 1 file cannot show that nothing was left out of it, so it no longer verifies.
 */
export const exportFormatName = "chainpay-export";
export const exportVersion = 2;

/** One block-range export holds at most this many blocks (so at most 1,000,000 receipts). */
export const exportBlocksMax = 1000;

const exportFormatSchema = z.enum(["csv", "json"], "must be csv or json");
export type ExportFormat = z.infer<typeof exportFormatSchema>;

/** `?kind=account&account=<hex64>&format=…` or `?kind=blocks&from=H&to=H&format=…`; out of range is refused. */
export const exportQuerySchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("account"), account: hex64Schema, format: exportFormatSchema }),
    z
      .object({
        kind: z.literal("blocks"),
        from: queryIntegerSchema,
        to: queryIntegerSchema,
        format: exportFormatSchema,
      })
      .refine((query) => query.from <= query.to, { message: "must not be above to", path: ["from"] })
      .refine((query) => query.to - query.from < exportBlocksMax, {
        message: `must be less than from + ${exportBlocksMax}: an export holds at most ${exportBlocksMax} blocks`,
        path: ["to"],
      }),
  ],
  { error: (issue) => (issue.code === "invalid_union" ? "must be account or blocks" : undefined) },
);
export type ExportQuery = z.infer<typeof exportQuerySchema>;

const heightSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * What the node signs over an export (lib/verifier/export/statement-summary.ts gives the signed bytes): the chain
 * and the head of the snapshot it was read from, the blocks it covers (from, to: a statement covers the account's
 * whole history, 0 to the head), how many receipts it lists and a hash over their txIds in order, and for a
 * statement the account and its final balance. Strict: a field the node did not sign must not travel in it.
 */
export const exportSummarySchema = z.strictObject({
  kind: z.enum(["account", "blocks"]),
  chainId: chainIdSchema,
  nodePublicKey: hex64Schema,
  currency: currencySchema.strict(),
  createdAt: timestampSchema,
  head: z.strictObject({ height: heightSchema, hash: hex64Schema }),
  from: heightSchema,
  to: heightSchema,
  account: hex64Schema.optional(),
  balance: balanceSchema.optional(),
  count: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  txIdsHash: hex64Schema,
});
export type ExportSummary = z.infer<typeof exportSummarySchema>;

export const exportSummarySignatureSchema = hex128Schema;
