// Whether a receipt is still only sealed (in a block the node signed) or witnessed (in a checkpoint a quorum of
// the pinned policy's witnesses cosigned), decided here from the node's `GET /api/transactions/{txId}/witnessed`
// answer. The node's word is not taken: the witnessed receipt must verify under the pinned policy, and the
// receipt inside must be the very one this wallet holds.
import { z } from "zod";
import { canonicalJson } from "../../ledger/canonical";
import type { SignatureVerifier } from "../../ledger/ed25519";
import type { Policy } from "../../ledger/log/policy";
import { verifyWitnessedReceipt, type WitnessedReceipt } from "../../ledger/log/witnessed";
import type { Receipt } from "../../ledger/types";
import { receiptSchema } from "../../validations/block";
import { hex64Schema } from "../../validations/transaction";

/** A payment still only sealed this long after the wallet first saw it, while the node answers, is a warning. */
export const witnessedBoundMs = 2 * 60 * 1000;
/** While a receipt is sealed, the wallet asks again after 1 s, 2 s, 4 s… and at most every 30 s. */
export const witnessedPollFirstMs = 1000;
export const witnessedPollMaxMs = 30 * 1000;
/** A checkpoint note the wallet reads: the spec's notes are far smaller (a few hundred bytes with 16 cosignatures). */
export const checkpointNoteBytesMax = 16 * 1024;
/** A log proof of a tree of up to 2^63 leaves has at most 63 hashes. */
export const logProofHashesMax = 63;

export const witnessedReceiptSchema = z.strictObject({
  receipt: receiptSchema,
  checkpoint: z.string().min(1).max(checkpointNoteBytesMax),
  logProof: z.strictObject({
    leafIndex: z.number().int().min(0),
    treeSize: z.number().int().min(1),
    path: z.array(hex64Schema).max(logProofHashesMax),
  }),
}) satisfies z.ZodType<WitnessedReceipt>;

export type WitnessStatus =
  | { kind: "sealed" }
  /** A quorum of the pinned policy's witnesses cosigned a checkpoint holding the receipt's block. */
  | { kind: "witnessed"; cosigners: string[]; witnessCount: number; witnessed: WitnessedReceipt }
  /** `quorum none`: the node's own signed checkpoint holds the block; there are no witnesses to say more. */
  | { kind: "node-alone"; witnessed: WitnessedReceipt }
  /** The node answered with a witnessed receipt that does not verify: never shown as witnessed. */
  | { kind: "invalid"; failedChecks: string[] };

/** Checks the node's answer (`{"witnessed": …}`) against the pinned policy and the receipt this wallet holds, if any. */
export async function witnessStatusOf(input: {
  answer: unknown;
  storedReceipt: Receipt | null;
  txId: string;
  policy: Policy;
  nowMs: number;
  verify: SignatureVerifier;
}): Promise<WitnessStatus> {
  const parsed = z.strictObject({ witnessed: witnessedReceiptSchema }).safeParse(input.answer);
  if (!parsed.success) return { kind: "invalid", failedChecks: ["The witnessed receipt is well formed"] };
  const { witnessed } = parsed.data;
  const failedChecks: string[] = [];
  if (witnessed.receipt.txId !== input.txId) failedChecks.push("The witnessed receipt is for this payment");
  if (input.storedReceipt !== null && canonicalJson(input.storedReceipt) !== canonicalJson(witnessed.receipt)) {
    failedChecks.push("The receipt inside is the one the node answered the payment with");
  }
  let verification: Awaited<ReturnType<typeof verifyWitnessedReceipt>>;
  try {
    verification = await verifyWitnessedReceipt(witnessed, input.policy, input.nowMs, input.verify);
  } catch {
    verification = {
      ok: false,
      checks: [{ name: "The witnessed receipt could be checked", ok: false }],
      cosigners: [],
    };
  }
  failedChecks.push(...verification.checks.filter((check) => !check.ok).map((check) => check.name));
  if (!verification.ok && failedChecks.length === 0) failedChecks.push("The witnessed receipt verifies");
  if (failedChecks.length > 0) return { kind: "invalid", failedChecks };
  if (input.policy.quorum === "none") return { kind: "node-alone", witnessed };
  const witnessNames = new Set(input.policy.witnesses.map((witness) => witness.name));
  const cosigners = verification.cosigners.map((cosigner) => cosigner.name).filter((name) => witnessNames.has(name));
  return { kind: "witnessed", cosigners, witnessCount: input.policy.witnesses.length, witnessed };
}

/** How long to wait before asking again after `attempts` answers that the receipt is still sealed. */
export function witnessedPollDelayMs(attempts: number): number {
  return Math.min(witnessedPollFirstMs * 2 ** Math.min(attempts, 30), witnessedPollMaxMs);
}

/** A payment first seen sealed at `firstSeenMs` is overdue once the bound has passed while the node still answers. */
export function isWitnessOverdue(firstSeenMs: number, nowMs: number, isNodeAnswering: boolean): boolean {
  return isNodeAnswering && nowMs - firstSeenMs > witnessedBoundMs;
}

/** The words for a status, short enough for a badge. */
export function witnessLabel(status: WitnessStatus): string {
  switch (status.kind) {
    case "sealed":
      return "Sealed";
    case "witnessed":
      return `Witnessed (${status.cosigners.length} of ${status.witnessCount})`;
    case "node-alone":
      return "Checkpointed (no witnesses)";
    case "invalid":
      return "Witness proof fails";
  }
}
