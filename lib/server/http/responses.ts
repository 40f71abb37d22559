// The answers a route gives: JSON with the node's headers, an empty answer, and the protocol's error JSON.
import "server-only";
import { takeTurn } from "./take-turn";
import type { LedgerError } from "../../ledger/errors";
import { RetryLaterError } from "./errors";

/** Bigints never reach JSON.stringify: amounts are already strings by the time a body is built. */
export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  return jsonText(JSON.stringify(body), status, headers);
}

/** A body already serialised as JSON, with the same headers as `json`. */
function jsonText(text: string, status = 200, headers?: HeadersInit): Response {
  return new Response(text, {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/**
 * `json({ [key]: items })`, byte for byte, serialised `itemsPerChunk` items at a time with the event loop given
 * back between chunks: a batch's answer of 1,000 receipts is 1.7 MB of JSON, too much to write in one go while
 * other requests wait.
 */
export async function jsonOfList(key: string, items: readonly unknown[], itemsPerChunk: number): Promise<Response> {
  const parts: string[] = [];
  for (let start = 0; start < items.length; start += itemsPerChunk) {
    if (start > 0) await takeTurn();
    parts.push(
      items
        .slice(start, start + itemsPerChunk)
        .map((item) => JSON.stringify(item))
        .join(","),
    );
  }
  return jsonText(`{${JSON.stringify(key)}:[${parts.join(",")}]}`);
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
