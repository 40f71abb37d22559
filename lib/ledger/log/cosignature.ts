// C2SP tlog-cosignature's Ed25519 `cosignature/v1` (type 0x04): a witness signs
// `cosignature/v1\ntime <unix seconds>\n` followed by the checkpoint text; the line's bytes after the key ID are
// the 8-byte big-endian timestamp and the 64-byte signature.
import { cosignatureV1SignatureType, NoteError, verifierKeyOf, verifyEd25519 } from "./note";
import type { NoteSigner, NoteVerifier, VerifierKey } from "./note";

const timestampBytes = 8;
const signatureBytes = 64;
const utf8 = new TextEncoder();

function assertTimestamp(timestampSeconds: number): void {
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) {
    throw new RangeError("a cosignature timestamp is a whole number of seconds, not negative");
  }
}

function messageOfBytes(checkpointText: Uint8Array, timestampSeconds: number): Uint8Array {
  const header = utf8.encode(`cosignature/v1\ntime ${timestampSeconds}\n`);
  const message = new Uint8Array(header.length + checkpointText.length);
  message.set(header, 0);
  message.set(checkpointText, header.length);
  return message;
}

/** The bytes a cosignature signs. */
export function cosignatureMessage(checkpointText: string, timestampSeconds: number): Uint8Array {
  assertTimestamp(timestampSeconds);
  return messageOfBytes(utf8.encode(checkpointText), timestampSeconds);
}

/** A witness's key (type 0x04) as a VerifierKey, its name and public key given. */
export function witnessKey(name: string, publicKey: Uint8Array): VerifierKey {
  if (publicKey.length !== 32) throw new NoteError("malformed", "an Ed25519 witness key is 32 bytes");
  return verifierKeyOf(name, cosignatureV1SignatureType, publicKey);
}

/** The timestamp (unix seconds) a cosignature line's bytes carry; null when they are not 8 + 64 bytes (or the time is beyond 2^53 − 1). */
export function cosignatureTimestamp(signature: Uint8Array): number | null {
  if (signature.length !== timestampBytes + signatureBytes) return null;
  const view = new DataView(signature.buffer, signature.byteOffset, signature.byteLength);
  const timestamp = view.getBigUint64(0, false);
  return timestamp > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(timestamp);
}

/** Verifies cosignature/v1 lines of a type 0x04 key. */
export function cosignatureVerifier(key: VerifierKey): NoteVerifier {
  if (key.type !== cosignatureV1SignatureType) {
    throw new NoteError("malformed", "a cosignature/v1 verifier needs a type 0x04 key");
  }
  const publicKey = key.publicKey.slice();
  return {
    name: key.name,
    keyId: key.keyId,
    verify(text, signature) {
      const timestampSeconds = cosignatureTimestamp(signature);
      if (timestampSeconds === null) return false;
      return verifyEd25519(publicKey, messageOfBytes(text, timestampSeconds), signature.subarray(timestampBytes));
    },
  };
}

/** A signer of cosignature/v1 lines at `timestampSeconds`, from a function that signs with the witness's private key. */
export function cosignatureSigner(
  name: string,
  publicKey: Uint8Array,
  timestampSeconds: number,
  sign: (message: Uint8Array) => Uint8Array,
): NoteSigner {
  assertTimestamp(timestampSeconds);
  const key = witnessKey(name, publicKey);
  return {
    name,
    keyId: key.keyId,
    sign(text) {
      const signature = sign(messageOfBytes(text, timestampSeconds));
      const bytes = new Uint8Array(timestampBytes + signature.length);
      new DataView(bytes.buffer).setBigUint64(0, BigInt(timestampSeconds), false);
      bytes.set(signature, timestampBytes);
      return bytes;
    },
  };
}
