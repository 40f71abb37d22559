// zod schemas for what GET /api/node answers, as a client that trusts nothing reads it (lib/verifier/node-api.ts).
import { z } from "zod";
import { currencyCodePattern, currencyDecimalsMax } from "../ledger/limits";
import type { Currency } from "../ledger/types";
import { signedBlockSchema } from "./block";
import { chainIdSchema, hex64Schema } from "./transaction";

/** A currency as a node announces it: an ISO 4217 code and the decimals of its minor unit. */
export const currencySchema = z.object({
  code: z.string().regex(currencyCodePattern, "must be an ISO 4217 code of three capital letters"),
  decimals: z.number().int().min(0).max(currencyDecimalsMax),
}) satisfies z.ZodType<Currency>;

/** The most bytes of an origin (PROTOCOL.md v2 "Checkpoints"). */
export const originBytesMax = 255;

/** GET /api/node's `log` (v2): the checkpoints' origin, the node's vkey, the log's size (head height + 1). */
export const nodeLogInfoSchema = z.object({
  origin: z
    .string()
    .min(1)
    .refine((origin) => new TextEncoder().encode(origin).length <= originBytesMax, {
      message: `must be at most ${originBytesMax} bytes`,
    }),
  vkey: z.string().min(1).max(1024),
  size: z.number().int().min(1),
});
export type NodeLogInfo = z.infer<typeof nodeLogInfoSchema>;

/**
 * The fields of GET /api/node that a verifier relies on. The answer holds more (the faucet, and in v2 the log),
 * and may grow: other fields are let through, not refused.
 */
export const nodeInfoSchema = z.object({
  chainId: chainIdSchema,
  nodePublicKey: hex64Schema,
  currency: currencySchema,
  head: signedBlockSchema,
  // Optional so that a v1 node still reads; a v2 node always sends it.
  log: nodeLogInfoSchema.optional(),
});
export type NodeInfoFields = z.infer<typeof nodeInfoSchema>;
