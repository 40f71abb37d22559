// Query parameters of the v2 log routes (PROTOCOL.md "Log routes"): decimal ASCII digits only; the ranges against
// the log's size are checked by the server operation, which knows it.
import { z } from "zod";
import { queryIntegerSchema } from "./pagination";

/** A required log size or height: decimal digits, a safe integer. */
const logIntegerSchema = z
  .string({ error: "is required: decimal digits" })
  .pipe(queryIntegerSchema)
  .refine((value) => Number.isSafeInteger(value), "is too large");

/** GET /api/log/proof?height=H&size=N */
export const logProofQuerySchema = z.object({ height: logIntegerSchema, size: logIntegerSchema });

/** GET /api/log/consistency?from=M&to=N */
export const logConsistencyQuerySchema = z.object({ from: logIntegerSchema, to: logIntegerSchema });
