// Which stored checkpoint is witnessed under the node's policy, and its note with every cosignature the node
// holds: what GET /api/log/checkpoint serves and what a witnessed receipt carries.
import "server-only";
import type { CheckpointRecord, CosignatureRecord, LogRecords } from "../../db/records/log-records";
import { isQuorumMet, type Policy } from "../../ledger/log/policy";
import type { NodeLog } from "./node-log";

export type WitnessedView = {
  record: CheckpointRecord;
  /** The node's signed note with the cosignature lines after its own signature. */
  note: string;
  cosigners: { name: string; timestampSeconds: number }[];
};

/** How many witnessed checkpoints are looked at for one that still meets the policy (it may have changed since). */
const witnessedCandidatesMax = 8;

/** The cosignatures made with the key the policy now gives their witness: the only ones that count. */
export function currentCosignatures(policy: Policy, cosignatures: readonly CosignatureRecord[]): CosignatureRecord[] {
  return cosignatures.filter((cosignature) =>
    policy.witnesses.some((witness) => witness.name === cosignature.witness && witness.key.vkey === cosignature.vkey),
  );
}

export function viewOf(record: CheckpointRecord, cosignatures: readonly CosignatureRecord[]): WitnessedView {
  return {
    record,
    note: record.note + cosignatures.map((cosignature) => cosignature.line).join(""),
    cosigners: cosignatures.map((cosignature) => ({
      name: cosignature.witness,
      timestampSeconds: cosignature.timestampSeconds,
    })),
  };
}

/**
 * The newest checkpoint witnessed under the policy (with `quorum none`, the newest the node signed), or null
 * before any is.
 */
export async function readNewestWitnessed(log: NodeLog, records: LogRecords): Promise<WitnessedView | null> {
  if (log.policy.quorum === "none") {
    const newest = await records.newestCheckpoint(log.origin);
    return newest === null ? null : viewOf(newest, []);
  }
  for (const record of await records.witnessedCheckpoints(log.origin, witnessedCandidatesMax)) {
    const cosignatures = currentCosignatures(log.policy, await records.cosignaturesOf(log.origin, record.size));
    if (isQuorumMet(log.policy, new Set(cosignatures.map((cosignature) => cosignature.witness)))) {
      return viewOf(record, cosignatures);
    }
  }
  return null;
}

/** The text a note signs: everything up to and including the line before the blank line. */
export function noteTextOf(note: string): string {
  const end = note.indexOf("\n\n");
  return end < 0 ? note : note.slice(0, end + 1);
}
