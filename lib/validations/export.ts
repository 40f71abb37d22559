// zod schemas for exports: the admin export route's query and the file's format name and version. The blocks and
// receipts an export holds have the protocol's own shapes (./block.ts), which the offline verifier checks.
import { z } from "zod";
import { queryIntegerSchema } from "./pagination";
import { hex64Schema } from "./transaction";

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
