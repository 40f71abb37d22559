// A whole number written as decimal digits, from min to max: the node's settings (lib/server/node/env.ts) and the
// verifier's command line (scripts/verify.ts) read theirs so.
import { z } from "zod";

/** A whole number in decimal digits within a range: neither "1e3" nor "0x10" nor "-1" passes. */
export function wholeNumberSchema(min: number, max: number, message: string) {
  return z
    .string()
    .regex(/^[0-9]{1,9}$/, message)
    .transform(Number)
    .refine((value) => value >= min && value <= max, message);
}
