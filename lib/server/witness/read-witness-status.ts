// GET /api/witness: who this witness is and what it has cosigned, for tools (`npm run policy`), tests and people.
import "server-only";
import type { FollowAlarm } from "../follower/follow-settings";
import { readFollowAlarm } from "../follower/follower";
import type { LedgerNode } from "../node/context";
import type { WitnessContext } from "./witness-context";

export type WitnessStatus = {
  name: string;
  /** The witness's verifier key (type 0x04, cosignature/v1), as a policy's `witness` line carries it. */
  vkey: string;
  origin: string;
  /** The checkpoint cosigned last: its size and its root hash in hex; null before the first. */
  cosigned: { size: number; rootHash: string } | null;
  alarm: FollowAlarm | null;
};

export async function readWitnessStatus(node: LedgerNode, witness: WitnessContext): Promise<WitnessStatus> {
  const [state, alarm] = await Promise.all([witness.records.readState(witness.origin), readFollowAlarm(node.store)]);
  return {
    name: witness.identity.name,
    vkey: witness.identity.verifierKey.vkey,
    origin: witness.origin,
    cosigned: state === null ? null : { size: state.size, rootHash: state.rootHash },
    alarm,
  };
}
