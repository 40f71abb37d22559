// C2SP tlog-cosignature's Ed25519 `cosignature/v1` (type 0x04): a witness signs
// `cosignature/v1\ntime <unix seconds>\n` followed by the checkpoint text; the line's bytes after the key ID are
// the 8-byte big-endian timestamp and the 64-byte signature.
// CONTRACT STUB: the signatures below are fixed; the bodies are being written (issue 11, core helper).
import type { NoteSigner, NoteVerifier, VerifierKey } from "./note";

/** The bytes a cosignature signs. */
export function cosignatureMessage(checkpointText: string, timestampSeconds: number): Uint8Array {
  void [checkpointText, timestampSeconds];
  throw new Error("not built yet");
}

/** A witness's key (type 0x04) as a VerifierKey, its name and public key given. */
export function witnessKey(name: string, publicKey: Uint8Array): VerifierKey {
  void [name, publicKey];
  throw new Error("not built yet");
}

/** Verifies cosignature/v1 lines of a type 0x04 key. */
export function cosignatureVerifier(key: VerifierKey): NoteVerifier {
  void key;
  throw new Error("not built yet");
}

/** The timestamp (unix seconds) a cosignature line's bytes carry; null when they are not 8 + 64 bytes. */
export function cosignatureTimestamp(signature: Uint8Array): number | null {
  void signature;
  throw new Error("not built yet");
}

/** A signer of cosignature/v1 lines at `timestampSeconds`, from a function that signs with the witness's private key. */
export function cosignatureSigner(
  name: string,
  publicKey: Uint8Array,
  timestampSeconds: number,
  sign: (message: Uint8Array) => Uint8Array,
): NoteSigner {
  void [name, publicKey, timestampSeconds, sign];
  throw new Error("not built yet");
}
