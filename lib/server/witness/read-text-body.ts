// Reading an add-checkpoint body within its limit: larger bodies are 413 (read no further than the limit),
// bytes that are not UTF-8 are 400.
import "server-only";
import { readBounded } from "../../verifier/read-answer";
import { WitnessRefusal } from "./witness-answer";

export async function readTextBody(request: Request, maxBytes: number): Promise<string> {
  const lengthHeader = request.headers.get("content-length");
  const declaredLength = lengthHeader === null ? Number.NaN : Number(lengthHeader);
  const tooLarge = () => new WitnessRefusal(413, `The body must be at most ${maxBytes} bytes.`);
  if (declaredLength > maxBytes) throw tooLarge();
  const bytes = Number.isSafeInteger(declaredLength)
    ? new Uint8Array(await request.arrayBuffer())
    : await readBounded(request.body, maxBytes);
  if (bytes === null || bytes.byteLength > maxBytes) throw tooLarge();
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new WitnessRefusal(400, "The body is not valid UTF-8.");
  }
}
