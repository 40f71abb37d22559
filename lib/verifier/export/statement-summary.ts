// The signed summary of an export: its exact signed bytes and the hash over its txIds. The node writes it at the
// end of a JSON export and signs it with the node key; `npm run verify -- --file` recomputes both, so that a
// receipt left out, added or moved, a balance raised or a range cut short no longer verifies.
import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { canonicalBytes } from "../../ledger/canonical";
import { bytesToHex, hexToBytes } from "../../ledger/hex";
import type { ExportSummary } from "../../validations/export";

/**
 * The domain separation of the summary's signature. The node key also signs block headers (canonical JSON, which
 * starts with "{") and checkpoint notes (an origin line, then a line of decimal digits): these bytes start with
 * neither, and their second line starts with "{", so no summary signature is ever a header's or a checkpoint's.
 */
export const exportSummaryContext = "chainpay-export-summary/v1\n";

const contextBytes = new TextEncoder().encode(exportSummaryContext);

/** The bytes the node signs: the context string, then the RFC 8785 canonical JSON of the summary, in UTF-8. */
export function exportSummaryBytes(summary: ExportSummary): Uint8Array<ArrayBuffer> {
  const body = canonicalBytes(summary);
  const bytes = new Uint8Array(contextBytes.length + body.length);
  bytes.set(contextBytes, 0);
  bytes.set(body, contextBytes.length);
  return bytes;
}

/**
 * txIdsHash: SHA-256 over the raw 32-byte txIds of the listed receipts, in the order listed, concatenated (each
 * is exactly 32 bytes, so the concatenation is unambiguous); SHA-256 of nothing for an export without receipts.
 * Fed one txId at a time, since an export may list a million.
 */
export class TxIdDigest {
  private readonly hash = nobleSha256.create();
  count = 0;

  add(txId: string): void {
    this.hash.update(hexToBytes(txId));
    this.count += 1;
  }

  hex(): string {
    return bytesToHex(this.hash.digest());
  }
}
