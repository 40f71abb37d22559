// What the explorer's log page shows (issue 11): the node's log, its newest witnessed checkpoint, the lag behind
// the head, each witness's last answer and any evidence of equivocation.
// CONTRACT STUB: the types are fixed; `readLogStatus` is being written (issue 11, node helper).
import "server-only";
import type { LedgerNode } from "../node/context";

/** A witness's last answer to the cosigning loop: an HTTP status, or "down" when it could not be reached. */
export type WitnessAnswer = {
  name: string;
  /** The submission prefix URL from the policy. */
  url: string;
  lastStatus: number | "down" | null;
  /** ISO time of the last attempt; null before the first. */
  lastAt: string | null;
  /** A short text: the refusal's body or the network error. */
  lastMessage: string | null;
  /** The largest size this witness has cosigned for the node, or null. */
  cosignedSize: number | null;
};

/** Two signed checkpoints of one origin that are not consistent with each other, as someone reported or the node saw. */
export type EquivocationEvidence = { reportedBy: string; at: string; notes: [string, string]; reason: string };

export type LogStatus = {
  origin: string;
  vkey: string;
  policyText: string;
  /** The quorum line's name, "none" without witnesses. */
  quorum: string;
  /** The log's size now: head height + 1. */
  size: number;
  headTimestamp: string;
  newest: {
    note: string;
    size: number;
    rootHashHex: string;
    cosigners: { name: string; timestampSeconds: number }[];
    /** ISO time the node stored the quorum for this checkpoint. */
    witnessedAt: string;
  } | null;
  /** Blocks the newest witnessed checkpoint is behind the head (null when none is witnessed yet). */
  lagBlocks: number | null;
  /** Seconds between the head block's timestamp and the newest witnessed checkpoint's head block's timestamp. */
  lagSeconds: number | null;
  witnesses: WitnessAnswer[];
  evidence: EquivocationEvidence[];
};

export function readLogStatus(node: LedgerNode): Promise<LogStatus> {
  return Promise.reject(new Error(`not built yet (${node.chainId})`));
}
