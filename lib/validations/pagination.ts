// Query parameters for paged lists. Out-of-range values are refused, never clamped (PROTOCOL.md).
import { z } from "zod";
import { headersLimitMax, heightPattern, pageLimitDefault, pageLimitMax } from "../ledger/limits";

/** A non-negative integer written in decimal, as a query parameter. */
export const queryIntegerSchema = z
  .string()
  .regex(heightPattern, "must be a non-negative whole number")
  .transform(Number);

export function limitSchema(max: number, fallback: number = pageLimitDefault) {
  return queryIntegerSchema
    .pipe(z.number().int().min(1, "must be at least 1").max(max, `must be at most ${max}`))
    .optional()
    .transform((value) => value ?? fallback);
}

export const blocksQuerySchema = z.object({
  limit: limitSchema(pageLimitMax),
  before: queryIntegerSchema.pipe(z.number().int().min(1, "must be at least 1")).optional(),
});

export const headersQuerySchema = z.object({
  from: queryIntegerSchema.optional().transform((value) => value ?? 0),
  limit: limitSchema(headersLimitMax),
});

export const accountQuerySchema = z.object({
  limit: limitSchema(pageLimitMax),
  before: z.string().optional(),
});
