// Signature verdicts computed ahead, on every core, for the export checker to look up.
import type { SignatureCheck } from "../../ledger/audit";
import { bytesEqual } from "../../ledger/merkle";

/**
 * Verdicts computed ahead, a run at a time on every core, and looked up when verifyReceipt asks for them. A
 * verdict is only reused for the very same key, message and signature; anything else is verified afresh.
 */
export class VerdictCache {
  private readonly entries = new Map<string, { publicKey: string; message: Uint8Array; isValid: boolean }>();

  add(check: SignatureCheck, isValid: boolean): void {
    this.entries.set(check.signature, { publicKey: check.publicKey, message: check.message, isValid });
  }

  lookup(publicKey: string, message: Uint8Array, signature: string): boolean | undefined {
    const entry = this.entries.get(signature);
    if (entry === undefined || entry.publicKey !== publicKey || !bytesEqual(entry.message, message)) return undefined;
    return entry.isValid;
  }
}
