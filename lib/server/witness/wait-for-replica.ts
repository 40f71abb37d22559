// How the witness's server knows that its replica holds, verified, every block a checkpoint covers.
//
// Design: `npm run follow --witness` runs two processes over one database. The parent keeps the replica: it
// fetches, audits (signatures, Merkle roots, balances, timestamps: the follower's ChainAuditor) and stores every
// block, and in witness mode it polls the node often. The Next server child answers add-checkpoint. A request
// for size N does not sync by itself (two writers of one replica would have to share the follower's in-memory
// audit state); it waits, bounded in blocks and in time, until the replica in the shared database holds N
// leaves, reading only what the parent committed, which is verified by construction (appendVerified stores only
// audited blocks, and their log nodes with them). A block that fails the audit makes the parent raise the
// follower's alarm naming it; the waiting request sees the alarm and answers 422 with it.
import "server-only";
import { readFollowAlarm } from "../follower/follower";
import type { FollowAlarm } from "../follower/follow-settings";
import type { LedgerStore } from "../../db/ledger-store";
import { replicaPollIntervalMs, replicaWaitBlocksMax, replicaWaitMsMax } from "./witness-settings";

export type ReplicaReach =
  { kind: "ready" } | { kind: "alarm"; alarm: FollowAlarm } | { kind: "behind"; message: string };

export async function waitForReplica(store: LedgerStore, size: number): Promise<ReplicaReach> {
  const deadline = Date.now() + replicaWaitMsMax;
  for (;;) {
    const alarm = await readFollowAlarm(store);
    if (alarm !== null) return { kind: "alarm", alarm };
    const held = await store.logSize();
    if (held >= size) return { kind: "ready" };
    if (size - held > replicaWaitBlocksMax) {
      return {
        kind: "behind",
        message: `This witness has verified ${held} blocks, more than ${replicaWaitBlocksMax} behind size ${size}: try again once it has synced.`,
      };
    }
    if (Date.now() >= deadline) {
      return {
        kind: "behind",
        message: `This witness has verified ${held} of the ${size} blocks within ${replicaWaitMsMax} ms: try again later.`,
      };
    }
    await new Promise((resolve) => setTimeout(resolve, replicaPollIntervalMs));
  }
}
