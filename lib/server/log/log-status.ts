// What the explorer's log page shows (issue 11): the node's log, its newest witnessed checkpoint, the lag behind
// the head, each witness's last answer and any evidence of equivocation.
import "server-only";
import type { LedgerNode } from "../node/context";
import { readNewestWitnessed } from "./witnessed-view";

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

const isoOf = (ms: number) => new Date(ms).toISOString();

export async function readLogStatus(node: LedgerNode): Promise<LogStatus> {
  const { log } = node;
  const [head, size, view, states, cosignedSizes, evidence] = await Promise.all([
    node.store.head(),
    node.store.logSize(),
    readNewestWitnessed(log, log.records),
    log.records.witnessStates(),
    log.records.cosignedSizes(log.origin),
    log.records.evidence(),
  ]);
  const headTimestamp = head!.header.timestamp;
  let lagSeconds: number | null = null;
  if (view !== null) {
    const witnessedHead = await node.store.blockAt(view.record.size - 1);
    if (witnessedHead !== null) {
      lagSeconds = Math.max(0, (Date.parse(headTimestamp) - Date.parse(witnessedHead.header.timestamp)) / 1000);
    }
  }
  const stateOf = new Map(states.map((state) => [state.name, state]));
  return {
    origin: log.origin,
    vkey: log.key.vkey,
    policyText: log.policyText,
    quorum: log.policy.quorum,
    size,
    headTimestamp,
    newest:
      view === null
        ? null
        : {
            note: view.note,
            size: view.record.size,
            rootHashHex: view.record.rootHashHex,
            cosigners: view.cosigners,
            witnessedAt: isoOf(view.record.witnessedAtMs ?? view.record.signedAtMs),
          },
    lagBlocks: view === null ? null : Math.max(0, size - view.record.size),
    lagSeconds,
    witnesses: log.policy.witnesses.map((witness): WitnessAnswer => {
      const state = stateOf.get(witness.name);
      const status = state?.lastStatus ?? null;
      return {
        name: witness.name,
        url: witness.url ?? "",
        lastStatus: status === null ? null : status === "down" ? "down" : Number(status),
        lastAt: state?.lastAtMs == null ? null : isoOf(state.lastAtMs),
        lastMessage: state?.lastMessage ?? null,
        cosignedSize: cosignedSizes.get(witness.name) ?? state?.cosignedSize ?? null,
      };
    }),
    evidence: evidence.map((item) => ({
      reportedBy: item.reportedBy,
      at: isoOf(item.atMs),
      notes: [item.noteA, item.noteB],
      reason: item.reason,
    })),
  };
}
