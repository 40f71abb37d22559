// Refusals a route raises: zod failures become `invalid_request` with the dotted field path, and a refusal that
// knows when to try again carries its retry-after.
import "server-only";
import type { z } from "zod";
import { LedgerError } from "../../ledger/errors";

/** A refusal that knows when to try again, for the retry-after header; other refusals of its kind say 1 s. */
export class RetryLaterError extends LedgerError {
  readonly retryAfterSeconds: number;

  constructor(code: "rate_limited" | "overloaded", message: string, retryAfterSeconds: number, field?: string) {
    super(code, message, field);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export function zodToLedgerError(error: z.ZodError, prefix?: string): LedgerError {
  const issue = error.issues[0];
  if (issue === undefined) return new LedgerError("invalid_request", "The request is malformed.");
  const path: (string | number)[] = [
    ...(prefix === undefined ? [] : [prefix]),
    ...issue.path.map((part) => String(part)),
  ];
  // An unknown field is named by its own path, so the client sees exactly what to remove.
  if (issue.code === "unrecognized_keys" && issue.keys[0] !== undefined) path.push(issue.keys[0]);
  const field = path.join(".");
  const message = issue.code === "unrecognized_keys" ? "unknown field: only signed fields may be sent" : issue.message;
  return new LedgerError(
    "invalid_request",
    field === "" ? message : `${field}: ${message}`,
    field === "" ? undefined : field,
  );
}

/** Parses with a zod schema, throwing the protocol's `invalid_request` on failure. */
export function parseOrThrow<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  prefix?: string,
): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw zodToLedgerError(parsed.error, prefix);
  return parsed.data;
}
