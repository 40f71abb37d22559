// On a follower, every explorer page says so: whom it follows and how far it has verified, or, once the followed
// node has rewritten a block this replica verified, answered against the protocol or (on a witness) equivocated,
// the alarm in red.
import type { FollowAlarmKind } from "@/lib/server/follower/follow-settings";
import type { FollowerStatus } from "@/lib/server/follower/read-follower-status";
import { RelativeTime } from "../../_components/entities/relative-time";

const alarmTitles: Record<FollowAlarmKind, string> = {
  rewrite: "Alarm: the node this replica follows rewrote its chain.",
  misbehaviour: "Alarm: the node this replica follows answered against the protocol.",
  equivocation:
    "Alarm: the node this witness follows signed two views of its log (equivocation); the evidence is kept.",
};

export function FollowerBanner({ status }: { status: FollowerStatus }) {
  if (status.alarm !== null) {
    const { alarm } = status;
    return (
      <div role="alert" className="border-b border-red-300 bg-red-50">
        <div className="mx-auto max-w-6xl space-y-1 px-4 py-3 text-sm text-red-900">
          <p className="font-semibold">{alarmTitles[alarm.kind ?? "rewrite"]}</p>
          <p>{alarm.reason}.</p>
          <p>
            Raised <RelativeTime iso={alarm.raisedAt} isAbsoluteShown />. Syncing has stopped; this replica keeps the
            chain as it was verified, up to block {status.height}. Do not trust new answers from {status.following}.
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="border-b border-sky-200 bg-sky-50">
      <p className="mx-auto max-w-6xl px-4 py-2 text-sm text-sky-900">
        Read-only replica of <span className="font-mono break-all">{status.following}</span>, every block verified on
        arrival, up to block {status.height}.
      </p>
    </div>
  );
}
