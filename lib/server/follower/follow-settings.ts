// What a follower keeps in its replica's Setting table: whom it follows, the key it pinned, and the alarm.
export const followedUrlSetting = "follow.url";
export const followedNodeKeySetting = "follow.nodePublicKey";
export const followAlarmSetting = "follow.alarm";

/** Raised when the followed node rewrote, dropped or re-signed a block the follower had already verified. */
export type FollowAlarm = {
  raisedAt: string;
  height: number;
  reason: string;
  seenHash: string | null;
  servedHash: string | null;
};
