// Rules of a single transaction that need no ledger state: text limits, timestamps, signatures.
import { canonicalBytes } from "./canonical";
import type { SignatureVerifier } from "./ed25519";
import { memoCodePointsMax, timestampSkewMaxMs } from "./limits";
import type { SignedTransaction } from "./types";

const isoMillisecondsPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const controlCharacterPattern = /\p{Cc}/u;
const loneSurrogatePattern = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The instant (milliseconds since the Unix epoch) of ISO 8601 UTC text with milliseconds that names a real one (no
 * 25th hour, no 31st of February) in `toISOString`'s own form; null for any other text.
 */
export function isoTimestampMilliseconds(value: string): number | null {
  if (!isoMillisecondsPattern.test(value)) return null;
  const time = Date.parse(value);
  return Number.isFinite(time) && new Date(time).toISOString() === value ? time : null;
}

/** ISO 8601 UTC with milliseconds, and a real instant (`isoTimestampMilliseconds`). */
export function isIsoTimestamp(value: string): boolean {
  return isoTimestampMilliseconds(value) !== null;
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
