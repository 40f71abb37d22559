// SHA-256, synchronous and identical in the node and the browser (WebCrypto's digest is async only).
import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { canonicalBytes } from "./canonical";
import { bytesToHex } from "./hex";
import type { BlockHeader, Transaction } from "./types";

export function sha256(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return nobleSha256(bytes);
}

/** txId = SHA-256 of canonical(tx), as hex64. */
export function computeTxId(tx: Transaction): string {
  return digestTransaction(tx).txId;
}

/** The signed bytes and the txId together: both are needed on every hot path, and canonicalising is not free. */
export function digestTransaction(tx: Transaction): { bytes: Uint8Array<ArrayBuffer>; txId: string } {
  const bytes = canonicalBytes(tx);
  return { bytes, txId: bytesToHex(sha256(bytes)) };
}

/** block hash = SHA-256 of canonical(header), as hex64. */
export function computeBlockHash(header: BlockHeader): string {
  return bytesToHex(sha256(canonicalBytes(header)));
}
