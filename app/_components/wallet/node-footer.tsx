"use client";
// The node's facts at the foot of the wallet, and how far this wallet has verified its chain itself.
import { useTranslations } from "next-intl";
import type { WatchState } from "@/lib/wallet/chain-watch";
import { shortKey } from "@/lib/wallet/format";
import type { NodeInfo } from "@/lib/wallet/node-client";

export function NodeFooter({ info, watch }: { info: NodeInfo; watch: WatchState }) {
  const t = useTranslations("wallet.footer");
  return (
    <footer className="border-t border-slate-200 pt-4 text-xs text-slate-600">
      <dl className="flex flex-wrap gap-x-4 gap-y-1">
        <div className="flex gap-1">
          <dt>{t("chain")}</dt>
          <dd data-testid="chain-id">{info.chainId}</dd>
        </div>
        <div className="flex gap-1">
          <dt>{t("headBlock")}</dt>
          <dd data-testid="head-height">{info.head.header.height}</dd>
        </div>
        {/* A hash is one unbroken word: it takes a line of its own and truncates there, on any width. */}
        <div className="flex w-full min-w-0 gap-1 lg:w-auto">
          <dt className="shrink-0">{t("headHash")}</dt>
          <dd data-testid="head-hash" className="min-w-0 truncate font-mono" title={info.head.hash}>
            {info.head.hash}
          </dd>
        </div>
        <div className="flex gap-1">
          <dt>{t("nodeKey")}</dt>
          <dd className="font-mono">{shortKey(info.nodePublicKey)}</dd>
        </div>
        <div className="flex gap-1" aria-live="polite">
          <dt>{t("verifiedUpTo")}</dt>
          <dd data-testid="verified-height">{watch.kind === "ok" ? watch.height : "…"}</dd>
        </div>
      </dl>
    </footer>
  );
}
