// Keys for the witnessed log's tests: a node's checkpoint signer and witnesses' cosigners, each from a fixed
// seed (or the SHA-256 of a name), signing with @noble/curves as a browser would. Shared by every test of issue 11.
import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes } from "@/lib/ledger/hex";
import { nodeLogKey } from "@/lib/ledger/log/checkpoint";
import { cosignatureSigner, witnessKey } from "@/lib/ledger/log/cosignature";
import { ed25519NoteSigner, NoteError, type NoteSigner, type VerifierKey } from "@/lib/ledger/log/note";

export type Ed25519TestKey = {
  seed: Uint8Array;
  publicKey: Uint8Array;
  publicKeyHex: string;
  sign: (message: Uint8Array) => Uint8Array;
};

/** An Ed25519 key from a 32-byte seed (hex64). */
export function ed25519KeyFromSeedHex(seedHex: string): Ed25519TestKey {
  const seed = hexToBytes(seedHex);
  const publicKey = ed25519.getPublicKey(seed);
  return { seed, publicKey, publicKeyHex: bytesToHex(publicKey), sign: (message) => ed25519.sign(message, seed) };
}

/** An Ed25519 key whose seed is the SHA-256 of `name`. */
export function ed25519KeyNamed(name: string): Ed25519TestKey {
  return ed25519KeyFromSeedHex(bytesToHex(sha256(new TextEncoder().encode(name))));
}

export type TestLogSigner = { key: Ed25519TestKey; verifierKey: VerifierKey; vkey: string; signer: NoteSigner };

/** The node's checkpoint signer (type 0x01, key name = origin). */
export function testLogSigner(origin: string, key: Ed25519TestKey = ed25519KeyNamed(`log ${origin}`)): TestLogSigner {
  const verifierKey = nodeLogKey(origin, key.publicKey);
  return { key, verifierKey, vkey: verifierKey.vkey, signer: ed25519NoteSigner(origin, key.publicKey, key.sign) };
}

export type TestWitness = {
  name: string;
  key: Ed25519TestKey;
  verifierKey: VerifierKey;
  vkey: string;
  /** A cosigner (type 0x04) that stamps its cosignatures with `timestampSeconds`. */
  cosigner: (timestampSeconds: number) => NoteSigner;
};

/** A witness's cosigner (type 0x04) named `name`. */
export function testWitness(name: string, key: Ed25519TestKey = ed25519KeyNamed(`witness ${name}`)): TestWitness {
  const verifierKey = witnessKey(name, key.publicKey);
  return {
    name,
    key,
    verifierKey,
    vkey: verifierKey.vkey,
    cosigner: (timestampSeconds) => cosignatureSigner(name, key.publicKey, timestampSeconds, key.sign),
  };
}

/** The NoteError `run` throws; fails the test when it throws anything else or nothing. */
export function noteErrorOf(run: () => unknown): NoteError {
  try {
    run();
  } catch (error) {
    if (error instanceof NoteError) return error;
    throw error;
  }
  throw new Error("expected a NoteError");
}
