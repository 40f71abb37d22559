// One way in and out of every route handler: body limits, JSON parsing, zod errors as `invalid_request` with
// the dotted field path, LedgerError as the protocol's error JSON, and anything unexpected as a logged 500.
import "server-only";
import type { z } from "zod";
import { LedgerError } from "../../ledger/errors";

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

/** A refusal that knows when to try again, for the retry-after header; other refusals of its kind say 1 s. */
export class RetryLaterError extends LedgerError {
  readonly retryAfterSeconds: number;

  constructor(code: "rate_limited" | "overloaded", message: string, retryAfterSeconds: number, field?: string) {
    super(code, message, field);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export function errorResponse(error: LedgerError): Response {
  const headers: Record<string, string> = {};
  if (error.code === "rate_limited" || error.code === "overloaded") {
    headers["retry-after"] = String(error instanceof RetryLaterError ? error.retryAfterSeconds : 1);
  }
  return json(error.toBody(), error.status, headers);
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

const jsonMediaTypePattern = /^application\/json\s*(;.*)?$/i;

/** Reads a JSON body of at most `maxBytes`, refusing other media types, larger bodies and malformed JSON. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!jsonMediaTypePattern.test(contentType.trim())) {
    throw new LedgerError("unsupported_media_type", "Send the body as application/json.");
  }
  const lengthHeader = request.headers.get("content-length");
  const declaredLength = lengthHeader === null ? Number.NaN : Number(lengthHeader);
  const tooLarge = () => new LedgerError("payload_too_large", `The body must be at most ${maxBytes} bytes.`);
  if (declaredLength > maxBytes) throw tooLarge();
  // A declared length within the limit is read in one native call (the server stops at that length); a body
  // without one (chunked) is read piece by piece and refused as soon as it passes the limit.
  const bytes = Number.isSafeInteger(declaredLength)
    ? new Uint8Array(await request.arrayBuffer())
    : await readAtMost(request, maxBytes);
  if (bytes === null || bytes.byteLength > maxBytes) throw tooLarge();
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new LedgerError("invalid_json", "The body is not valid UTF-8.");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new LedgerError("invalid_json", "The body is not valid JSON.");
  }
}

/** The body's bytes, or null as soon as it passes `maxBytes` (the rest is not read into memory). */
async function readAtMost(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

type RouteContext = { params: Promise<Record<string, string>> };

/** Wraps a route handler so that every failure becomes the protocol's error JSON. */
export function route(
  handler: (request: Request, params: Record<string, string>) => Promise<Response>,
): (request: Request, context: RouteContext) => Promise<Response> {
  return async (request, context) => {
    try {
      return await handler(request, await context.params);
    } catch (error) {
      if (error instanceof LedgerError) return errorResponse(error);
      console.error(`${request.method} ${new URL(request.url).pathname} failed`, error);
      return json({ error: { code: "internal_error", message: "The node failed to answer this request." } }, 500);
    }
  };
}

/** The query string as a plain object, for zod; a repeated parameter is refused rather than guessed at. */
export function queryOf(request: Request): Record<string, string> {
  const params = new URL(request.url).searchParams;
  const query: Record<string, string> = {};
  for (const key of params.keys()) {
    const values = params.getAll(key);
    if (values.length > 1) throw new LedgerError("invalid_request", `${key} is given more than once`, key);
    query[key] = values[0]!;
  }
  return query;
}
