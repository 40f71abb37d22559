// On a follower, every explorer page says so: whom it follows and how far it has verified, or, once the followed
// node has rewritten a block this replica verified, answered against the protocol or (on a witness) equivocated,
// the alarm in red. The alarm's reason is the follower's own record, kept as it was written.
import { useTranslations } from "next-intl";
import type { FollowAlarmKind } from "@/lib/server/follower/follow-settings";
import type { FollowerStatus } from "@/lib/server/follower/read-follower-status";
import { RelativeTime } from "../../_components/entities/relative-time";

const alarmTitleKeys: Record<FollowAlarmKind, "alarmRewrite" | "alarmMisbehaviour" | "alarmEquivocation"> = {
  rewrite: "alarmRewrite",
  misbehaviour: "alarmMisbehaviour",
  equivocation: "alarmEquivocation",
};

export function FollowerBanner({ status }: { status: FollowerStatus }) {
  const t = useTranslations("explorer.follower");
  const height = String(status.height);
  if (status.alarm !== null) {
    const { alarm } = status;
    return (
      <div role="alert" className="border-b border-red-300 bg-red-50">
        <div className="mx-auto max-w-6xl space-y-1 px-4 py-3 text-sm text-red-900">
          <p className="font-semibold">{t(alarmTitleKeys[alarm.kind ?? "rewrite"])}</p>
          <p>{t("reason", { reason: alarm.reason })}</p>
          <p>
            {t.rich("raised", {
              height,
              following: status.following,
              time: () => <RelativeTime iso={alarm.raisedAt} isAbsoluteShown />,
            })}
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="border-b border-sky-200 bg-sky-50">
      <p className="mx-auto max-w-6xl px-4 py-2 text-sm text-sky-900">
        {t.rich("replica", {
          height,
          following: status.following,
          node: (chunks) => <span className="font-mono break-all">{chunks}</span>,
        })}
      </p>
    </div>
  );
}
