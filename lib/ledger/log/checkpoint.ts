// C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint) as PROTOCOL.md v2 pins it: origin, size and base64 root hash,
// three lines, no extensions; signed by the node key (type 0x01) under the key name = origin.
import { base64ToBytes, bytesToBase64 } from "./base64";
import { ed25519SignatureType, isValidKeyName, isValidNoteText, NoteError, verifierKeyOf } from "./note";
import type { VerifierKey } from "./note";

export type Checkpoint = { origin: string; size: number; rootHash: Uint8Array };

/** The longest origin, in UTF-8 bytes (PROTOCOL.md "Checkpoints"). */
export const originBytesMax = 255;
const rootHashBytes = 32;
const decimalPattern = /^(?:0|[1-9][0-9]*)$/;
const utf8 = new TextEncoder();

/** A schema-less origin: no spaces, no `+`, not starting with `{`, at most 255 bytes, printable. */
export function isValidOrigin(origin: string): boolean {
  return (
    isValidKeyName(origin) &&
    isValidNoteText(origin) &&
    !origin.startsWith("{") &&
    !/[\u007f-\u009f]/.test(origin) &&
    utf8.encode(origin).length <= originBytesMax
  );
}

/** `chainpay/<chainId>`. */
export function defaultOrigin(chainId: string): string {
  return `chainpay/${chainId}`;
}

/** The checkpoint's note text: exactly three lines, each ending in `\n`. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  if (!isValidOrigin(checkpoint.origin)) throw new RangeError("not a valid origin");
  if (!Number.isSafeInteger(checkpoint.size) || checkpoint.size < 0) throw new RangeError("not a tree size");
  if (checkpoint.rootHash.length !== rootHashBytes) throw new RangeError("a root hash is 32 bytes");
  return `${checkpoint.origin}\n${checkpoint.size}\n${bytesToBase64(checkpoint.rootHash)}\n`;
}

function malformed(message: string): NoteError {
  return new NoteError("malformed", message);
}

/** Parses a checkpoint's note text (three lines, no extensions; decimal size without leading zeros; 32-byte root); throws NoteError("malformed"). */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith("\n")) throw malformed("a checkpoint's text ends in a newline");
  const lines = text.slice(0, -1).split("\n");
  if (lines.length !== 3) throw malformed("a checkpoint's text is exactly three lines (no extension lines)");
  const [origin, sizeText, rootText] = lines as [string, string, string];
  if (origin === "" || !isValidNoteText(origin)) throw malformed("a checkpoint's origin line must not be empty");
  if (!decimalPattern.test(sizeText)) throw malformed("a checkpoint's size is decimal without leading zeros");
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) throw malformed("a checkpoint's size is too large");
  const rootHash = base64ToBytes(rootText);
  if (rootHash === null || rootHash.length !== rootHashBytes) {
    throw malformed("a checkpoint's root hash is the base64 of 32 bytes");
  }
  return { origin, size, rootHash };
}

/** The node's checkpoint key: type 0x01, name = origin, its key ID and vkey. */
export function nodeLogKey(origin: string, nodePublicKey: Uint8Array): VerifierKey {
  if (!isValidOrigin(origin)) throw malformed("not a valid origin");
  return verifierKeyOf(origin, ed25519SignatureType, nodePublicKey);
}
