// Ed25519 through node:crypto: synchronous and about twice as fast as WebCrypto's promise round trips,
// which matters on the payment path (one verify per payment) and for the node's own block signatures.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";
import { isCurvePointKey, type SignatureVerifier } from "../ledger/ed25519";
import { bytesToHex, hex128Pattern, hex64Pattern } from "../ledger/hex";

// A raw 32-byte Ed25519 public key becomes a KeyObject through its fixed SubjectPublicKeyInfo prefix.
const spkiPrefix = Buffer.from("302a300506032b6570032100", "hex");
const publicKeyCacheMax = 10_000;
const publicKeyCache = new Map<string, KeyObject | null>();

function publicKeyObject(publicKeyHex: string): KeyObject | null {
  let key = publicKeyCache.get(publicKeyHex);
  if (key !== undefined) return key;
  // Node 20's OpenSSL imports any 32 bytes as an Ed25519 key, so createPublicKey alone never refuses one: the
  // point is decoded first (RFC 8032 §5.1.3), and bytes that are no point are remembered as no key.
  key = isCurvePointKey(publicKeyHex) ? importPublicKey(publicKeyHex) : null;
  if (publicKeyCache.size >= publicKeyCacheMax) publicKeyCache.clear();
  publicKeyCache.set(publicKeyHex, key);
  return key;
}

function importPublicKey(publicKeyHex: string): KeyObject | null {
  try {
    return createPublicKey({
      key: Buffer.concat([spkiPrefix, Buffer.from(publicKeyHex, "hex")]),
      format: "der",
      type: "spki",
    });
  } catch {
    return null;
  }
}

/** Checks an Ed25519 signature synchronously; false for anything malformed, as every SignatureVerifier does. */
export function verifyWithNodeCryptoSync(publicKeyHex: string, message: Uint8Array, signatureHex: string): boolean {
  if (!hex64Pattern.test(publicKeyHex) || !hex128Pattern.test(signatureHex)) return false;
  const key = publicKeyObject(publicKeyHex);
  if (key === null) return false;
  try {
    return verify(null, message, key, Buffer.from(signatureHex, "hex"));
  } catch {
    return false;
  }
}

export const verifyWithNodeCrypto: SignatureVerifier = verifyWithNodeCryptoSync;

export type NodeKey = { privateKey: KeyObject; publicKeyHex: string };

export function generateNodeKeyPem(): string {
  const { privateKey } = generateKeyPairSync("ed25519");
  return privateKey.export({ format: "pem", type: "pkcs8" }).toString();
}

export function nodeKeyFromPem(pem: string): NodeKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("the node key is not an Ed25519 key");
  return { privateKey, publicKeyHex: publicKeyHexOf(privateKey) };
}

/**
 * The raw 32-byte public key, read from the SubjectPublicKeyInfo DER (the fixed 12-byte prefix, then the key).
 * DER rather than a JWK export: the JWK path was seen to hang now and then on Node 20 right after key generation.
 */
export function publicKeyHexOf(privateKey: KeyObject): string {
  const der = createPublicKey(privateKey).export({ format: "der", type: "spki" });
  if (der.length !== spkiPrefix.length + 32 || !der.subarray(0, spkiPrefix.length).equals(spkiPrefix)) {
    throw new Error("not an Ed25519 public key");
  }
  return bytesToHex(der.subarray(spkiPrefix.length));
}

export function signWithNodeCrypto(privateKey: KeyObject, message: Uint8Array): string {
  return bytesToHex(sign(null, message, privateKey));
}
