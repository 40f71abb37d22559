// What a follower shows about itself (the explorer's banner, /api/health): whom it follows, how far its verified
// replica goes, and any alarm.
import "server-only";
import type { FollowAlarm } from "./follow-settings";
import { readFollowAlarm } from "./follower";
import type { LedgerNode } from "../node/context";

export type FollowerStatus = { following: string; height: number; alarm: FollowAlarm | null };

/** Null on a node that seals its own chain. */
export async function readFollowerStatus(node: LedgerNode): Promise<FollowerStatus | null> {
  if (node.writer !== null) return null;
  const [alarm, head] = await Promise.all([readFollowAlarm(node.store), node.store.head()]);
  return { following: node.config.followUrl ?? "", height: head?.header.height ?? -1, alarm };
}
