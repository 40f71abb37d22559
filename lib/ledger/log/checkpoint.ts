// C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint) as PROTOCOL.md v2 pins it: origin, size and base64 root hash,
// three lines, no extensions; signed by the node key (type 0x01) under the key name = origin.
// CONTRACT STUB: the signatures below are fixed; the bodies are being written (issue 11, core helper).
import type { VerifierKey } from "./note";

export type Checkpoint = { origin: string; size: number; rootHash: Uint8Array };

/** A schema-less origin: no spaces, no `+`, not starting with `{`, at most 255 bytes, printable. */
export function isValidOrigin(origin: string): boolean {
  void origin;
  throw new Error("not built yet");
}

/** `chainpay/<chainId>`. */
export function defaultOrigin(chainId: string): string {
  return `chainpay/${chainId}`;
}

/** The checkpoint's note text: exactly three lines, each ending in `\n`. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  void checkpoint;
  throw new Error("not built yet");
}

/** Parses a checkpoint's note text (three lines, no extensions; decimal size without leading zeros; 32-byte root); throws NoteError("malformed"). */
export function parseCheckpoint(text: string): Checkpoint {
  void text;
  throw new Error("not built yet");
}

/** The node's checkpoint key: type 0x01, name = origin, its key ID and vkey. */
export function nodeLogKey(origin: string, nodePublicKey: Uint8Array): VerifierKey {
  void [origin, nodePublicKey];
  throw new Error("not built yet");
}
