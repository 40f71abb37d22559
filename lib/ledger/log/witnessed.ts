// Witnessed checkpoints and witnessed receipts (PROTOCOL.md v2): what a wallet or verifier trusts offline
// against a policy rather than against the node key alone.
// CONTRACT STUB: the signatures below are fixed; the bodies are being written (issue 11, core helper).
import type { SignatureVerifier } from "../ed25519";
import type { ReceiptCheck } from "../receipt";
import type { Receipt } from "../types";
import type { Checkpoint } from "./checkpoint";
import type { Policy } from "./policy";

export type Cosigner = { name: string; timestampSeconds: number };
export type WitnessedCheckpoint = { checkpoint: Checkpoint; note: string; cosigners: Cosigner[]; isWitnessed: boolean };

/** A cosignature more than this far ahead of the verifier's clock is refused (PROTOCOL.md "Clocks"). */
export const cosignatureSkewMaxMs = 10 * 60 * 1000;

/**
 * Opens a checkpoint note under the policy: the node's signature (a policy `log` key) must verify; valid
 * cosignatures of policy witnesses are collected; a known key whose signature fails, or a cosignature from the
 * future, throws NoteError. `isWitnessed` says whether the cosigners satisfy the quorum.
 */
export function openCheckpoint(note: string, policy: Policy, nowMs: number): WitnessedCheckpoint {
  void [note, policy, nowMs];
  throw new Error("not built yet");
}

export type LogProof = { leafIndex: number; treeSize: number; path: string[] };
export type WitnessedReceipt = { receipt: Receipt; checkpoint: string; logProof: LogProof };

/** Verifies a witnessed receipt: the receipt (v1, against the node key of the policy's log line), the checkpoint witnessed under the policy, and the log proof of its block. */
export function verifyWitnessedReceipt(
  witnessed: WitnessedReceipt,
  policy: Policy,
  nowMs: number,
  verify: SignatureVerifier,
): Promise<{ ok: boolean; checks: ReceiptCheck[]; cosigners: Cosigner[] }> {
  void [witnessed, policy, nowMs, verify];
  return Promise.reject(new Error("not built yet"));
}
