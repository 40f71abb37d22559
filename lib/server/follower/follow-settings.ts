// What a follower keeps in its replica's Setting table: whom it follows, the key it pinned, and the alarm.
export const followedUrlSetting = "follow.url";
export const followedNodeKeySetting = "follow.nodePublicKey";
export const followAlarmSetting = "follow.alarm";

/**
 * What the alarm is about. `rewrite`: the node served a chain that does not verify or no longer holds what was
 * verified (a rewritten, dropped or re-signed block, another key). `misbehaviour`: the node answered against the
 * protocol (too large a body, not JSON, a redirect, a wrong shape, two routes that disagree). `equivocation`: on a
 * witness (issue 11), the node signed a checkpoint that contradicts one the witness cosigned or the blocks it verified.
 */
export type FollowAlarmKind = "rewrite" | "misbehaviour" | "equivocation";

/** Raised when the followed node rewrote, dropped or re-signed a block the follower had already verified, or misbehaved. */
export type FollowAlarm = {
  raisedAt: string;
  /** Absent from alarms recorded before there was more than one kind: those were all rewrites. */
  kind?: FollowAlarmKind;
  height: number;
  reason: string;
  seenHash: string | null;
  servedHash: string | null;
};
