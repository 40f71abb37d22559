// The pure steps of reading a node's answer, before its shape is checked: a body read to its end or refused past
// a limit (never held whole when it is too large), and bytes that must be UTF-8 JSON holding an object.

/** The length a `Content-Length` header declares, or null when there is none or it is not a plain number. */
export function declaredBytes(contentLength: string | null): number | null {
  if (contentLength === null || !/^[0-9]{1,20}$/.test(contentLength.trim())) return null;
  return Number(contentLength.trim());
}

/**
 * Reads `body` to its end when it holds at most `bytesMax` bytes. Past that it stops reading, cancels the stream
 * (which closes the connection, so that the sender stops too) and answers null: at most `bytesMax` plus one
 * chunk is ever held.
 */
export async function readBounded(
  body: ReadableStream<Uint8Array> | null,
  bytesMax: number,
): Promise<Uint8Array | null> {
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > bytesMax) {
      await reader.cancel().catch(() => {});
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

export type ParsedAnswer = { ok: true; value: Record<string, unknown> } | { ok: false; problem: string };

/** Every answer of the protocol's JSON routes is an object; anything else is named for what it is. */
export function parseJsonObject(bytes: Uint8Array): ParsedAnswer {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: "is not UTF-8 text, so not JSON" };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the text, and a hostile node's text is not for a terminal.
    return { ok: false, problem: "is not JSON" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const what = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
    return { ok: false, problem: `is JSON but not an object: it is ${what}` };
  }
  return { ok: true, value: value as Record<string, unknown> };
}
