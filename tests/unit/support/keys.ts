// Keys, signed transactions and a synchronous signature verifier for the unit tests. Keys come from fixed
// seeds so that every run signs the same bytes; node:crypto does the signing, as the node itself does.
import { createHash, createPrivateKey, type KeyObject } from "node:crypto";
import type { BatchVerifier } from "@/lib/ledger/audit";
import { canonicalBytes } from "@/lib/ledger/canonical";
import type { SignedTransaction, Transaction } from "@/lib/ledger/types";
import { publicKeyHexOf, signWithNodeCrypto, verifyWithNodeCryptoSync } from "@/lib/crypto/ed25519";

/** An Ed25519 seed becomes a PKCS#8 private key through this fixed DER prefix (RFC 8410). */
export const pkcs8SeedPrefixHex = "302e020100300506032b657004220420";

export type TestKey = { privateKey: KeyObject; publicKeyHex: string };

export function keyFromSeedHex(seedHex: string): TestKey {
  const privateKey = createPrivateKey({
    key: Buffer.from(pkcs8SeedPrefixHex + seedHex, "hex"),
    format: "der",
    type: "pkcs8",
  });
  return { privateKey, publicKeyHex: publicKeyHexOf(privateKey) };
}

/** A key whose seed is the SHA-256 of `name`: stable across runs, different for every name. */
export function namedKey(name: string): TestKey {
  return keyFromSeedHex(createHash("sha256").update(name).digest("hex"));
}

export const testChainId = "chainpay-test";
export const baseTimestampMs = Date.parse("2026-11-25T22:00:00.000Z");

export function isoAt(offsetMs: number): string {
  return new Date(baseTimestampMs + offsetMs).toISOString();
}

export function signTransaction(tx: Transaction, signer: TestKey): SignedTransaction {
  return { tx, signature: signWithNodeCrypto(signer.privateKey, canonicalBytes(tx)) };
}

export function payment(
  from: TestKey,
  to: TestKey,
  amount: string,
  options: { memo?: string; timestamp?: string; chainId?: string } = {},
): SignedTransaction {
  const tx: Transaction = {
    type: "payment",
    chainId: options.chainId ?? testChainId,
    from: from.publicKeyHex,
    to: to.publicKeyHex,
    amount,
    ...(options.memo === undefined ? {} : { memo: options.memo }),
    timestamp: options.timestamp ?? isoAt(0),
  };
  return signTransaction(tx, from);
}

/** A mint names `issuer` as its `from` and is signed by `signer` (the node, unless a test says otherwise). */
export function mint(
  issuer: TestKey,
  to: TestKey,
  amount: string,
  options: { signer?: TestKey; timestamp?: string } = {},
): SignedTransaction {
  const tx: Transaction = {
    type: "mint",
    chainId: testChainId,
    from: issuer.publicKeyHex,
    to: to.publicKeyHex,
    amount,
    memo: "faucet",
    timestamp: options.timestamp ?? isoAt(0),
  };
  return signTransaction(tx, options.signer ?? issuer);
}

/** The synchronous verifier, for tests that check one signature without awaiting. */
export const verifyNodeSync = verifyWithNodeCryptoSync;

/** The audit's batch verifier, in this thread and in order: what the verify pool does without its workers. */
export const verifyBatchSync: BatchVerifier = (checks) =>
  Promise.resolve(checks.map((check) => verifyNodeSync(check.publicKey, check.message, check.signature)));

/** Flips one bit of a hex string (bit `bit` of byte `byteIndex`), keeping it lowercase hex of the same length. */
export function flipHexBit(hex: string, byteIndex: number, bit = 0): string {
  const bytes = Buffer.from(hex, "hex");
  const byte = bytes[byteIndex];
  if (byte === undefined) throw new RangeError(`no byte ${byteIndex} in a ${bytes.length}-byte value`);
  bytes[byteIndex] = byte ^ (1 << bit);
  return bytes.toString("hex");
}
