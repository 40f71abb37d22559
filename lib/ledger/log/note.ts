// C2SP signed-note (c2sp.org/signed-note), as Go's golang.org/x/mod/sumdb/note implements it: the note text,
// a blank line, then signature lines `— <name> <base64(key ID ‖ signature)>`. Key IDs, verifier keys (vkeys),
// signing and opening with the spec's limits. Runs in the browser too.
// CONTRACT STUB: the signatures below are fixed; the bodies are being written (issue 11, core helper).

/** One signature line: the key name, the 4-byte key ID as an unsigned 32-bit integer, and the bytes after the key ID. */
export type NoteSignature = { name: string; keyId: number; signature: Uint8Array };
export type Note = { text: string; signatures: NoteSignature[] };

/** Why a note was refused: `malformed` (does not parse or breaks a limit), `unverified` (no signature from a known key), `invalid_signature` (a known key's signature fails). */
export type NoteErrorKind = "malformed" | "unverified" | "invalid_signature";
export class NoteError extends Error {
  readonly kind: NoteErrorKind;
  constructor(kind: NoteErrorKind, message: string) {
    super(message);
    this.name = "NoteError";
    this.kind = kind;
  }
}

/** A verifier key: the name, key ID, signature type byte (0x01 Ed25519, 0x04 cosignature/v1), the 32-byte public key, and its vkey text. */
export type VerifierKey = { name: string; keyId: number; type: number; publicKey: Uint8Array; vkey: string };

/** Checks one signature (the bytes after the key ID) over the note text. */
export type NoteVerifier = { name: string; keyId: number; verify(text: Uint8Array, signature: Uint8Array): boolean };
/** Makes one signature (the bytes after the key ID) over the note text. */
export type NoteSigner = { name: string; keyId: number; sign(text: Uint8Array): Uint8Array };

/** key ID = SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4], big-endian. `keyBytes` is the type byte followed by the public key. */
export function keyIdOf(name: string, keyBytes: Uint8Array): number {
  void [name, keyBytes];
  throw new Error("not built yet");
}

/** `<name>+<key ID as 8 lowercase hex>+<base64(type ‖ public key)>`. */
export function formatVerifierKey(name: string, type: number, publicKey: Uint8Array): string {
  void [name, type, publicKey];
  throw new Error("not built yet");
}

/** Parses a vkey (types 0x01 and 0x04, 32-byte keys); throws NoteError("malformed"). */
export function parseVerifierKey(vkey: string): VerifierKey {
  void vkey;
  throw new Error("not built yet");
}

/** A verifier for a type 0x01 (Ed25519 note signature) key. */
export function ed25519NoteVerifier(key: VerifierKey): NoteVerifier {
  void key;
  throw new Error("not built yet");
}

/** A signer for a type 0x01 key from a function that signs with its private key (64-byte Ed25519 signature). */
export function ed25519NoteSigner(
  name: string,
  publicKey: Uint8Array,
  sign: (message: Uint8Array) => Uint8Array,
): NoteSigner {
  void [name, publicKey, sign];
  throw new Error("not built yet");
}

/** Parses a signed note within the spec's limits (throws NoteError("malformed")); does not verify. */
export function parseNote(message: string): Note {
  void message;
  throw new Error("not built yet");
}

/** The note's wire text: text, blank line, signature lines in order. */
export function formatNote(note: Note): string {
  void note;
  throw new Error("not built yet");
}

/** Signs `text` (which must end in a newline) with each signer in order and returns the whole signed note. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  void [text, signers];
  throw new Error("not built yet");
}

/**
 * Go's note.Open: parses `message` and checks each signature whose (name, key ID) is a known verifier. Throws
 * NoteError("invalid_signature") when a known key's signature fails, NoteError("unverified") when no known key
 * signed; signatures from unknown keys are returned in `unverified`.
 */
export function openNote(
  message: string,
  verifiers: readonly NoteVerifier[],
): { note: Note; verified: NoteSignature[]; unverified: NoteSignature[] } {
  void [message, verifiers];
  throw new Error("not built yet");
}
