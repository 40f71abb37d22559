// Reading a request's JSON body within a size limit: other media types, larger bodies, bytes that are not UTF-8
// and text that is not JSON are each refused with their own protocol error.
import "server-only";
import { LedgerError } from "../../ledger/errors";
// The same bounded read the verifier uses on a node's answers: the body is never held whole past the limit.
import { readBounded } from "../../verifier/read-answer";

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
    : await readBounded(request.body, maxBytes);
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
