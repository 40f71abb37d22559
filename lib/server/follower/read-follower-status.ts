// What a follower shows about itself: whom it follows, how far its verified replica goes, and any alarm.
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

/** GET /api/health on a follower: 503 once it has raised the alarm, so that monitoring sees it. */
export async function followerHealth(node: LedgerNode): Promise<Response> {
  const status = await readFollowerStatus(node);
  if (status === null) return Response.json({ ok: true });
  return Response.json({ ok: status.alarm === null, follower: status }, { status: status.alarm === null ? 200 : 503 });
}
