"use client";
// What the wallet's watch of the witnessed log found, said plainly: a changed policy (an alarm, like a changed
// node key, with both policies shown), a witnessed checkpoint that contradicts one this wallet verified, and a
// payment that stays unwitnessed too long. Each pauses payments; the reason is given here.
import { useTranslations } from "next-intl";
import { shortKey } from "@/lib/wallet/format";
import type { LogWatchState } from "@/lib/wallet/witnessed/log-watch";
import type { PolicyView } from "@/lib/wallet/witnessed/watch-node-log";
import { witnessedBoundMs } from "@/lib/wallet/witnessed/witnessed-status";
import { useWalletMessage } from "../../i18n/use-wallet-message";
import { Notice } from "../../ui";
import { Alarm, TrustAgain } from "../chain-alert";

/** Why payments pause because of the log (a key of wallet.paymentForm.pausedReasons), or null when they need not. */
export type LogPauseReason = "policyChanged" | "inconsistent" | "overdue";

export function logPauseReason(
  policy: PolicyView,
  log: LogWatchState,
  overdueTxIds: readonly string[],
): LogPauseReason | null {
  if (policy.kind === "changed") return "policyChanged";
  if (log.kind === "inconsistent") return "inconsistent";
  if (overdueTxIds.length > 0) return "overdue";
  return null;
}

export function LogAlert({
  policy,
  log,
  overdueTxIds,
  onTrustAgain,
}: {
  policy: PolicyView;
  log: LogWatchState;
  overdueTxIds: readonly string[];
  onTrustAgain: () => void;
}) {
  const t = useTranslations("wallet.logAlert");
  const say = useWalletMessage();
  const boundMinutes = witnessedBoundMs / 60_000;
  return (
    <>
      {policy.kind === "changed" && (
        <Alarm title={t("policyChangedTitle")}>
          <p>{t("policyChanged")}</p>
          <PolicyText label={t("pinnedPolicy")} text={policy.pinnedText} />
          <PolicyText label={t("servedPolicy")} text={policy.servedText} />
          <TrustAgain onTrustAgain={onTrustAgain} />
        </Alarm>
      )}
      {policy.kind === "unreadable" && (
        <Notice tone="warning" title={t("unreadableTitle")}>
          {t("unreadable", { reason: say(policy.reason) })}
        </Notice>
      )}
      {log.kind === "inconsistent" && (
        <Notice tone="warning" title={t("inconsistentTitle")}>
          {t.rich("inconsistent", {
            size: log.pinned.size,
            root: shortKey(log.pinned.rootHash),
            reason: say(log.reason),
            code: (chunks) => <code className="font-mono">{chunks}</code>,
          })}
        </Notice>
      )}
      {log.kind === "unverified" && (
        <Notice tone="warning" title={t("unverifiedTitle")}>
          {t("unverified", { reason: capitalise(say(log.reason)) })}
        </Notice>
      )}
      {overdueTxIds.length > 0 && log.kind !== "inconsistent" && (
        <Notice tone="warning" title={t("overdueTitle")}>
          {t("overdue", {
            count: overdueTxIds.length,
            txIds: overdueTxIds.map((txId) => shortKey(txId)).join(", "),
            minutes: boundMinutes,
          })}
        </Notice>
      )}
    </>
  );
}

function PolicyText({ label, text }: { label: string; text: string }) {
  return (
    <figure>
      <figcaption className="font-medium">{label}</figcaption>
      <pre className="mt-1 max-h-48 overflow-y-auto rounded-lg bg-white p-2 font-mono text-xs whitespace-pre-wrap break-all">
        {text}
      </pre>
    </figure>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
