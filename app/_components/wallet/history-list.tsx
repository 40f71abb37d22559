"use client";
// The active account's payments, newest first, each linking to its receipt.
import { useTranslations } from "next-intl";
import type { Currency } from "@/lib/ledger/types";
import { Button } from "../ui";
import { HistoryEntry } from "./history-entry";
import type { AccountView } from "./hooks/use-account";
import type { WitnessedView } from "./hooks/use-witnessed";

export function HistoryList({
  publicKey,
  account: { entries, hasMore, isLoadingMore, loadMore },
  currency,
  witnessStatusOf,
}: {
  publicKey: string;
  account: AccountView;
  currency: Currency;
  witnessStatusOf: WitnessedView["statusOf"];
}) {
  const t = useTranslations("wallet.historyList");
  if (entries === null) {
    return (
      <ul aria-label={t("loading")} className="space-y-3">
        {[0, 1, 2].map((index) => (
          <li key={index} className="h-16 animate-pulse rounded-xl bg-slate-100" />
        ))}
      </ul>
    );
  }
  if (entries.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">
        {t("empty")}
      </p>
    );
  }
  return (
    <div className="space-y-4">
      <ul className="divide-y divide-slate-100" aria-label={t("payments")}>
        {entries.map((entry) => (
          <HistoryEntry
            key={entry.txId}
            account={publicKey}
            entry={entry}
            currency={currency}
            witness={witnessStatusOf(entry.txId)}
          />
        ))}
      </ul>
      {hasMore && (
        <Button variant="secondary" className="w-full" isBusy={isLoadingMore} onClick={loadMore}>
          {t("older")}
        </Button>
      )}
    </div>
  );
}
