// zod schemas for exports: the admin export route's query, and the parts of an export file that the offline
// verifier reads (block headers and receipts), so that both sides agree on one shape.
import { z } from "zod";
import { blockTransactionsMax } from "../ledger/limits";
import { queryIntegerSchema } from "./pagination";
import { chainIdSchema, hex128Schema, hex64Schema, timestampSchema, transactionSchema } from "./transaction";

/** What an export file's `format` and `version` say; a verifier refuses anything else. */
export const exportFormatName = "chainpay-export";
export const exportVersion = 1;

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

export const blockHeaderSchema = z.strictObject({
  version: z.number().int(),
  chainId: chainIdSchema,
  height: z.number().int().min(0),
  prevHash: hex64Schema,
  merkleRoot: hex64Schema,
  txCount: z.number().int().min(0).max(blockTransactionsMax),
  timestamp: timestampSchema,
});

export const signedBlockSchema = z.strictObject({
  header: blockHeaderSchema,
  hash: hex64Schema,
  signature: hex128Schema,
});

/** A receipt as PROTOCOL.md defines it. An audit path of a tree of at most 1,000 leaves has at most 10 hashes. */
export const receiptSchema = z.strictObject({
  txId: hex64Schema,
  tx: transactionSchema,
  signature: hex128Schema,
  block: signedBlockSchema,
  proof: z.strictObject({
    leafIndex: z.number().int().min(0),
    treeSize: z.number().int().min(1).max(blockTransactionsMax),
    path: z.array(hex64Schema).max(10),
  }),
  nodePublicKey: hex64Schema,
});
