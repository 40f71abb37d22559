// Rules of a single transaction that need no ledger state: text limits, timestamps, signatures.
import { canonicalBytes } from "./canonical";
import type { SignatureVerifier } from "./ed25519";
import { memoCodePointsMax, timestampSkewMaxMs } from "./limits";
import type { SignedTransaction } from "./types";

const isoMillisecondsPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const controlCharacterPattern = /\p{Cc}/u;
const loneSurrogatePattern = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** ISO 8601 UTC with milliseconds, and a real instant (no 25th hour, no 31st of February). */
export function isIsoTimestamp(value: string): boolean {
  if (!isoMillisecondsPattern.test(value)) return false;
  const time = Date.parse(value);
  return Number.isFinite(time) && new Date(time).toISOString() === value;
}

/** Why a memo is refused, or null when it is acceptable. */
export function memoProblem(memo: string): string | null {
  if (loneSurrogatePattern.test(memo)) return "memo must be well-formed Unicode";
  if ([...memo].length > memoCodePointsMax) return `memo must be at most ${memoCodePointsMax} characters`;
  if (controlCharacterPattern.test(memo)) return "memo must not contain control characters";
  return null;
}

export function isTimestampFresh(timestamp: string, nowMs: number): boolean {
  return Math.abs(Date.parse(timestamp) - nowMs) <= timestampSkewMaxMs;
}

/** The signer of a transaction: the payer for a payment, the node for a mint. */
export function signerOf(signed: SignedTransaction): string {
  return signed.tx.from;
}

export function verifyTransactionSignature(signed: SignedTransaction, verify: SignatureVerifier) {
  return verify(signerOf(signed), canonicalBytes(signed.tx), signed.signature);
}
