// The body of a C2SP tlog-witness `add-checkpoint` request: `old <size>\n`, up to 63 base64 consistency-proof
// lines, an empty line, then the signed checkpoint note.
import { base64ToBytes, bytesToBase64 } from "./base64";
import { isValidNoteText, noteBytesMax } from "./note";

export type AddCheckpointRequest = { oldSize: number; proof: Uint8Array[]; note: string };

/** The most consistency-proof lines a request may carry. */
export const proofLinesMax = 63;

/** The longest body read, in characters: the old size line, every proof line and the largest note. */
export const addCheckpointCharactersMax = "old 9007199254740991\n".length + proofLinesMax * 45 + 1 + noteBytesMax;

export class AddCheckpointError extends Error {
  readonly status: 400;
  constructor(message: string) {
    super(message);
    this.name = "AddCheckpointError";
    this.status = 400;
  }
}

const oldSizeLinePattern = /^old (0|[1-9][0-9]*)$/;
const hashBytes = 32;

export function formatAddCheckpoint(request: AddCheckpointRequest): string {
  if (!Number.isSafeInteger(request.oldSize) || request.oldSize < 0) throw new RangeError("not a tree size");
  if (request.proof.length > proofLinesMax) throw new RangeError(`at most ${proofLinesMax} proof lines`);
  if (request.proof.some((hash) => hash.length !== hashBytes)) throw new RangeError("a proof hash is 32 bytes");
  const proofLines = request.proof.map((hash) => `${bytesToBase64(hash)}\n`).join("");
  return `old ${request.oldSize}\n${proofLines}\n${request.note}`;
}

/** Parses a request body; throws AddCheckpointError (400) for anything PROTOCOL.md's "Witness answers" call unparsable. */
export function parseAddCheckpoint(body: string): AddCheckpointRequest {
  if (body.length > addCheckpointCharactersMax) {
    throw new AddCheckpointError(`the body may hold at most ${addCheckpointCharactersMax} characters`);
  }
  if (!isValidNoteText(body)) {
    throw new AddCheckpointError("the body must be valid UTF-8 without control characters other than newline");
  }
  const firstNewline = body.indexOf("\n");
  if (firstNewline < 0) throw new AddCheckpointError("the body must start with an `old <size>` line");
  const oldSizeMatch = oldSizeLinePattern.exec(body.slice(0, firstNewline));
  if (oldSizeMatch === null) {
    throw new AddCheckpointError("the first line must be `old <size>`, the size in decimal without leading zeros");
  }
  const oldSize = Number(oldSizeMatch[1]);
  if (!Number.isSafeInteger(oldSize)) throw new AddCheckpointError("the old size is too large");
  const proof: Uint8Array[] = [];
  let offset = firstNewline + 1;
  for (;;) {
    const newline = body.indexOf("\n", offset);
    if (newline < 0) throw new AddCheckpointError("the proof lines must end with an empty line before the checkpoint");
    const line = body.slice(offset, newline);
    offset = newline + 1;
    if (line === "") break;
    if (proof.length === proofLinesMax) {
      throw new AddCheckpointError(`a request carries at most ${proofLinesMax} consistency proof lines`);
    }
    const hash = base64ToBytes(line);
    if (hash === null || hash.length !== hashBytes) {
      throw new AddCheckpointError(`proof line ${proof.length + 1} is not the base64 of a 32-byte hash`);
    }
    proof.push(hash);
  }
  return { oldSize, proof, note: body.slice(offset) };
}
