// The answers a route gives: JSON with the node's headers, an empty answer, and the protocol's error JSON.
import "server-only";
import type { LedgerError } from "../../ledger/errors";
import { RetryLaterError } from "./errors";

/** Bigints never reach JSON.stringify: amounts are already strings by the time a body is built. */
export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/** An answer with nothing to say but its headers (a cookie set or cleared). */
export function noContent(headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 204, headers: { "cache-control": "no-store", ...headers } });
}

export function errorResponse(error: LedgerError): Response {
  const headers: Record<string, string> = {};
  if (error.code === "rate_limited" || error.code === "overloaded") {
    headers["retry-after"] = String(error instanceof RetryLaterError ? error.retryAfterSeconds : 1);
  }
  return json(error.toBody(), error.status, headers);
}

/** What a bug or an outage answers: it says nothing about the cause, which goes to the log instead. */
export function internalErrorResponse(): Response {
  return json({ error: { code: "internal_error", message: "The node failed to answer this request." } }, 500);
}
