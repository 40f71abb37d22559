// C2SP signed-note (c2sp.org/signed-note), as Go's golang.org/x/mod/sumdb/note implements it: the note text,
// a blank line, then signature lines `— <name> <base64(key ID ‖ signature)>`. Key IDs, verifier keys (vkeys),
// signing and opening with the spec's limits. Runs in the browser too.
import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "../hash";
import { base64ToBytes, bytesToBase64 } from "./base64";

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

/** Signature type bytes (signed-note "Signature types"). */
export const ed25519SignatureType = 0x01;
export const cosignatureV1SignatureType = 0x04;

/**
 * The largest note parseNote reads, in UTF-8 bytes. The spec asks verifiers to bound signatures or size and to
 * accept at least 16 signatures of up to about 5 kB (post-quantum); 100 such lines stay well within 1 MB.
 */
export const noteBytesMax = 1_000_000;
/** The most signature lines a note may carry (Go's note.Open refuses more than 100). */
export const noteSignaturesMax = 100;

const signaturePrefix = "\u2014 ";
const ed25519PublicKeyBytes = 32;
const ed25519SignatureBytes = 64;
const utf8 = new TextEncoder();

/** A Unicode space (Go's unicode.IsSpace): what a key name must not contain, beside `+`. */
const unicodeSpacePattern = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
/** Whether `text` holds a lone surrogate: a string that is not valid UTF-16 has no UTF-8 encoding. */
function hasLoneSurrogate(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0xd800 || code > 0xdfff) continue;
    const next = text.charCodeAt(index + 1);
    if (code > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return true;
    index++;
  }
  return false;
}
// eslint-disable-next-line no-control-regex -- the control characters are what this pattern is about
const controlCharacterPattern = /[\u0000-\u0009\u000b-\u001f]/;

/** A key name: non-empty, no Unicode spaces, no `+`, valid text. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !unicodeSpacePattern.test(name) && !name.includes("+") && !hasLoneSurrogate(name);
}

/** Valid UTF-8 (as a string: no lone surrogates) with no ASCII control character other than newline. */
export function isValidNoteText(text: string): boolean {
  return !controlCharacterPattern.test(text) && !hasLoneSurrogate(text);
}

function malformed(message: string): NoteError {
  return new NoteError("malformed", message);
}

/** key ID = SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4], big-endian. `keyBytes` is the type byte followed by the public key. */
export function keyIdOf(name: string, keyBytes: Uint8Array): number {
  const nameBytes = utf8.encode(name);
  const input = new Uint8Array(nameBytes.length + 1 + keyBytes.length);
  input.set(nameBytes, 0);
  input[nameBytes.length] = 0x0a;
  input.set(keyBytes, nameBytes.length + 1);
  return readUint32(sha256(input), 0);
}

export function readUint32(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset, false);
}

function typedKeyBytes(type: number, publicKey: Uint8Array): Uint8Array {
  const keyBytes = new Uint8Array(1 + publicKey.length);
  keyBytes[0] = type;
  keyBytes.set(publicKey, 1);
  return keyBytes;
}

/** The key ID as 8 lowercase hex digits. */
export function keyIdHex(keyId: number): string {
  return keyId.toString(16).padStart(8, "0");
}

/** `<name>+<key ID as 8 lowercase hex>+<base64(type ‖ public key)>`. */
export function formatVerifierKey(name: string, type: number, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) throw malformed("a key name must be non-empty, without spaces or +");
  const keyBytes = typedKeyBytes(type, publicKey);
  return `${name}+${keyIdHex(keyIdOf(name, keyBytes))}+${bytesToBase64(keyBytes)}`;
}

/** A VerifierKey from its parts, its key ID and vkey computed. */
export function verifierKeyOf(name: string, type: number, publicKey: Uint8Array): VerifierKey {
  const vkey = formatVerifierKey(name, type, publicKey);
  return { name, keyId: keyIdOf(name, typedKeyBytes(type, publicKey)), type, publicKey: publicKey.slice(), vkey };
}

/** Parses a vkey (types 0x01 and 0x04, 32-byte keys); throws NoteError("malformed"). */
export function parseVerifierKey(vkey: string): VerifierKey {
  // The name holds no `+` and the key ID is hex; the base64 key after the second `+` may hold more of them.
  const firstPlus = vkey.indexOf("+");
  const secondPlus = firstPlus < 0 ? -1 : vkey.indexOf("+", firstPlus + 1);
  if (secondPlus < 0) throw malformed("a vkey is <name>+<key ID>+<base64 key>");
  const name = vkey.slice(0, firstPlus);
  const idHex = vkey.slice(firstPlus + 1, secondPlus);
  const keyBase64 = vkey.slice(secondPlus + 1);
  if (!isValidKeyName(name)) throw malformed("the vkey's name must be non-empty, without spaces or +");
  if (!/^[0-9a-f]{8}$/.test(idHex)) throw malformed("the vkey's key ID must be 8 lowercase hex digits");
  const keyBytes = base64ToBytes(keyBase64);
  if (keyBytes === null) throw malformed("the vkey's key is not canonical base64");
  const type = keyBytes[0];
  if (type !== ed25519SignatureType && type !== cosignatureV1SignatureType) {
    throw malformed("the vkey's signature type is neither 0x01 (Ed25519) nor 0x04 (cosignature/v1)");
  }
  if (keyBytes.length !== 1 + ed25519PublicKeyBytes) throw malformed("the vkey's Ed25519 key is not 32 bytes");
  const keyId = Number.parseInt(idHex, 16);
  if (keyIdOf(name, keyBytes) !== keyId) throw malformed("the vkey's key ID does not match its name and key");
  return { name, keyId, type, publicKey: keyBytes.slice(1), vkey };
}

/** RFC 8032 Ed25519 verification (strict encodings, not ZIP-215); false for anything malformed. */
export function verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== ed25519PublicKeyBytes || signature.length !== ed25519SignatureBytes) return false;
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/** A verifier for a type 0x01 (Ed25519 note signature) key. */
export function ed25519NoteVerifier(key: VerifierKey): NoteVerifier {
  if (key.type !== ed25519SignatureType) throw malformed("an Ed25519 note verifier needs a type 0x01 key");
  const publicKey = key.publicKey.slice();
  return {
    name: key.name,
    keyId: key.keyId,
    verify: (text, signature) => verifyEd25519(publicKey, text, signature),
  };
}

/** A signer for a type 0x01 key from a function that signs with its private key (64-byte Ed25519 signature). */
export function ed25519NoteSigner(
  name: string,
  publicKey: Uint8Array,
  sign: (message: Uint8Array) => Uint8Array,
): NoteSigner {
  const key = verifierKeyOf(name, ed25519SignatureType, publicKey);
  return { name, keyId: key.keyId, sign };
}

function decodeSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(signaturePrefix)) throw malformed("a signature line must start with an em dash and a space");
  const rest = line.slice(signaturePrefix.length);
  const space = rest.indexOf(" ");
  const name = space < 0 ? rest : rest.slice(0, space);
  const encoded = space < 0 ? "" : rest.slice(space + 1);
  if (!isValidKeyName(name)) throw malformed("a signature line's key name must be non-empty, without spaces or +");
  const bytes = encoded === "" ? null : base64ToBytes(encoded);
  if (bytes === null) throw malformed("a signature line's signature is not canonical base64");
  if (bytes.length < 5) throw malformed("a signature line must carry a key ID and at least one signature byte");
  return { name, keyId: readUint32(bytes, 0), signature: bytes.slice(4) };
}

/** Parses a signed note within the spec's limits (throws NoteError("malformed")); does not verify. */
export function parseNote(message: string): Note {
  if (message.length > noteBytesMax || utf8.encode(message).length > noteBytesMax) {
    throw malformed(`a note may hold at most ${noteBytesMax} bytes`);
  }
  if (!isValidNoteText(message)) {
    throw malformed("a note must be valid UTF-8 without control characters other than newline");
  }
  const split = message.lastIndexOf("\n\n");
  if (split < 0) throw malformed("a note's signatures must follow its text and a blank line");
  const text = message.slice(0, split + 1);
  const block = message.slice(split + 2);
  if (block === "" || !block.endsWith("\n")) throw malformed("a note must end with signature lines");
  const lines = block.slice(0, -1).split("\n");
  if (lines.length > noteSignaturesMax) throw malformed(`a note may carry at most ${noteSignaturesMax} signatures`);
  return { text, signatures: lines.map(decodeSignatureLine) };
}

function encodeSignatureLine(signature: NoteSignature): string {
  const bytes = new Uint8Array(4 + signature.signature.length);
  new DataView(bytes.buffer).setUint32(0, signature.keyId, false);
  bytes.set(signature.signature, 4);
  return `${signaturePrefix}${signature.name} ${bytesToBase64(bytes)}\n`;
}

/** The note's wire text: text, blank line, signature lines in order. */
export function formatNote(note: Note): string {
  if (!note.text.endsWith("\n")) throw malformed("a note's text must end in a newline");
  return `${note.text}\n${note.signatures.map(encodeSignatureLine).join("")}`;
}

/** Signs `text` (which must end in a newline) with each signer in order and returns the whole signed note. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (!text.endsWith("\n")) throw malformed("a note's text must end in a newline");
  if (!isValidNoteText(text)) throw malformed("a note's text must be valid UTF-8 without control characters");
  const textBytes = utf8.encode(text);
  const signatures = signers.map((signer): NoteSignature => {
    if (!isValidKeyName(signer.name)) throw malformed("a signer's name must be non-empty, without spaces or +");
    return { name: signer.name, keyId: signer.keyId, signature: signer.sign(textBytes) };
  });
  return formatNote({ text, signatures });
}

function sameSignature(a: NoteSignature, b: NoteSignature): boolean {
  if (a.name !== b.name || a.keyId !== b.keyId || a.signature.length !== b.signature.length) return false;
  return a.signature.every((byte, index) => byte === b.signature[index]);
}

function keyLabel(name: string, keyId: number): string {
  return `${name}+${keyIdHex(keyId)}`;
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
  const note = parseNote(message);
  const textBytes = utf8.encode(note.text);
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seenKeys = new Set<string>();
  for (const signature of note.signatures) {
    const label = keyLabel(signature.name, signature.keyId);
    const matches = verifiers.filter((item) => item.name === signature.name && item.keyId === signature.keyId);
    if (matches.length === 0) {
      // Repeated identical unknown signatures are dropped, as Go does.
      if (!unverified.some((item) => sameSignature(item, signature))) unverified.push(signature);
      continue;
    }
    if (matches.length > 1) throw malformed(`ambiguous key ${label}`);
    // A second signature by one known key is dropped unchecked, as Go does.
    if (seenKeys.has(label)) continue;
    seenKeys.add(label);
    if (!matches[0]!.verify(textBytes, signature.signature)) {
      throw new NoteError("invalid_signature", `invalid signature for key ${label}`);
    }
    verified.push(signature);
  }
  if (verified.length === 0) throw new NoteError("unverified", "note has no verifiable signatures");
  return { note, verified, unverified };
}
