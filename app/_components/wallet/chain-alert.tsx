"use client";
import { useTranslations } from "next-intl";
import type { WatchState } from "@/lib/wallet/chain-watch";
import { shortKey } from "@/lib/wallet/format";
import { useCheckName } from "../i18n/use-check-name";
import { useWalletMessage } from "../i18n/use-wallet-message";
import { Notice } from "../ui";
import type { BadReceipt } from "./hooks/use-node";

type Translate = ReturnType<typeof useTranslations<"wallet.chainAlert">>;
const code = (chunks: React.ReactNode) => <code>{chunks}</code>;
const codeBreak = (chunks: React.ReactNode) => <code className="break-all">{chunks}</code>;

/** What the wallet's own audit of the node found, said plainly; the alarms are impossible to miss. */
export function ChainAlert({
  watch,
  badReceipt,
  onTrustAgain,
}: {
  watch: WatchState;
  badReceipt: BadReceipt | null;
  onTrustAgain: () => void;
}) {
  const t = useTranslations("wallet.chainAlert");
  const checkName = useCheckName();
  return (
    <>
      {badReceipt !== null && (
        <Alarm title={t("badReceiptTitle")}>
          <p>
            {t.rich("badReceipt", {
              txId: shortKey(badReceipt.txId),
              checks: badReceipt.failedChecks.map(checkName).join("; "),
              code,
            })}
          </p>
        </Alarm>
      )}
      <WatchAlert watch={watch} onTrustAgain={onTrustAgain} />
    </>
  );
}

function WatchAlert({ watch, onTrustAgain }: { watch: WatchState; onTrustAgain: () => void }) {
  const t = useTranslations("wallet.chainAlert");
  const say = useWalletMessage();
  if (watch.kind === "unreachable") {
    return (
      <Notice tone="warning" title={t("uncheckedTitle")}>
        {watch.problem === undefined ? watch.message : say(watch.problem)}
      </Notice>
    );
  }
  const alarm = watchAlarmOf(watch, t, say);
  if (alarm === null) return null;
  return (
    <Alarm title={alarm.title}>
      <p>{alarm.text}</p>
      {alarm.canTrustAgain && <TrustAgain onTrustAgain={onTrustAgain} />}
    </Alarm>
  );
}

/**
 * What the wallet says when its watch of the chain fails. A rewritten history or a new key may have a reason the
 * user knows of, so they can choose to trust the node again; a chain that does not verify has none.
 */
function watchAlarmOf(
  watch: WatchState,
  t: Translate,
  say: ReturnType<typeof useWalletMessage>,
): { title: string; text: React.ReactNode; canTrustAgain: boolean } | null {
  switch (watch.kind) {
    case "rewritten":
      return {
        title: t("rewrittenTitle"),
        canTrustAgain: true,
        text:
          watch.nowHash === null
            ? t.rich("rewrittenGone", { height: watch.height, seen: shortKey(watch.seenHash), code: codeBreak })
            : t.rich("rewrittenOther", {
                height: watch.height,
                seen: shortKey(watch.seenHash),
                now: shortKey(watch.nowHash),
                code: codeBreak,
                other: code,
              }),
      };
    case "key-changed":
      return {
        title: t("keyChangedTitle"),
        canTrustAgain: true,
        text: t.rich("keyChanged", {
          pinned: shortKey(watch.pinnedKey),
          announced: shortKey(watch.announcedKey),
          code,
        }),
      };
    case "broken":
      return {
        title: t("brokenTitle"),
        canTrustAgain: false,
        text: t("broken", { height: watch.height, reason: say(watch.reason) }),
      };
    default:
      return null;
  }
}

export function Alarm({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div
      role="alert"
      data-testid="chain-alarm"
      className="rounded-2xl border-2 border-rose-600 bg-rose-50 p-5 text-rose-950 shadow-md"
    >
      <p className="flex items-center gap-2 text-lg font-bold">
        <span aria-hidden="true">⚠</span>
        {title}
      </p>
      <div className="mt-2 space-y-3 text-sm">{children}</div>
    </div>
  );
}

export function TrustAgain({ onTrustAgain }: { onTrustAgain: () => void }) {
  const t = useTranslations("wallet.chainAlert");
  return (
    <details>
      <summary className="cursor-pointer font-medium underline">{t("trustSummary")}</summary>
      <button
        type="button"
        className="mt-2 rounded-lg border border-rose-700 px-3 py-1.5 font-medium hover:bg-rose-100"
        onClick={onTrustAgain}
      >
        {t("trustAgain")}
      </button>
    </details>
  );
}
