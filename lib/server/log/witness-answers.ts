// Reading a witness's answer to add-checkpoint (C2SP tlog-witness v1.0.0): the cosignature lines of a 200, checked
// against the policy's key for that witness, and the size a 409 `text/x.tlog.size` carries. Pure: no I/O.
import { cosignatureTimestamp, cosignatureVerifier } from "../../ledger/log/cosignature";
import type { VerifierKey } from "../../ledger/log/note";
import { cosignatureSkewMaxMs } from "../../ledger/log/witnessed";

/** A witness's answer longer than this is cut: a 200 holds a few cosignature lines, a refusal a short text. */
export const witnessAnswerBytesMax = 16 * 1024;
/** The most lines of a 200 that are looked at (tlog-witness: one or more cosignature lines). */
export const cosignatureLinesMax = 16;

export type CheckedCosignature = { line: string; timestampSeconds: number };

/** What a 200's body says: the valid lines of the witness's own key, and how many of its key's lines failed. */
export type CosignatureLinesCheck = { valid: CheckedCosignature[]; failed: number };

const signatureLinePattern = /^\u2014 (\S+) ([A-Za-z0-9+/]+={0,2})$/;

/**
 * The lines of `body` that are cosignatures of `checkpointText` by `key` (name, key ID and signature), within the
 * clock skew of `nowMs`. Lines of other keys are ignored, as a note's verifier ignores unknown keys.
 */
export function checkCosignatureLines(
  body: string,
  checkpointText: string,
  key: VerifierKey,
  nowMs: number,
): CosignatureLinesCheck {
  const verifier = cosignatureVerifier(key);
  const text = new TextEncoder().encode(checkpointText);
  const result: CosignatureLinesCheck = { valid: [], failed: 0 };
  const lines = body.split("\n").filter((line) => line !== "");
  for (const line of lines.slice(0, cosignatureLinesMax)) {
    const match = signatureLinePattern.exec(line);
    if (match === null || match[1] !== key.name) continue;
    const bytes = new Uint8Array(Buffer.from(match[2]!, "base64"));
    if (bytes.length < 4) continue;
    const keyId = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
    if (keyId !== key.keyId) continue;
    const signature = bytes.subarray(4);
    const timestampSeconds = cosignatureTimestamp(signature);
    const isValid =
      timestampSeconds !== null &&
      timestampSeconds * 1000 <= nowMs + cosignatureSkewMaxMs &&
      verifier.verify(text, signature);
    if (isValid) result.valid.push({ line: `${line}\n`, timestampSeconds });
    else result.failed += 1;
  }
  return result;
}

/** The size of a 409 `text/x.tlog.size` body: decimal digits, no leading zero, an optional newline; else null. */
export function parseTlogSize(body: string): number | null {
  const match = /^(0|[1-9][0-9]{0,15})\n?$/.exec(body);
  if (match === null) return null;
  const size = Number(match[1]);
  return Number.isSafeInteger(size) ? size : null;
}

/** Whether a content type is tlog-witness's `text/x.tlog.size` (parameters aside). */
export function isTlogSizeType(contentType: string | null): boolean {
  return contentType?.split(";")[0]?.trim().toLowerCase() === "text/x.tlog.size";
}

/** The first line of a refusal's body, cut short, for the witness's last answer. */
export function shortMessageOf(body: string): string {
  const first = body.trim().split("\n")[0] ?? "";
  return first.length > 200 ? `${first.slice(0, 200)}…` : first;
}
