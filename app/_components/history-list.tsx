"use client";
import Link from "next/link";
import { formatAmount, formatTime, shortKey } from "@/lib/wallet/format";
import type { Currency } from "@/lib/ledger/types";
import type { AccountEntry } from "@/lib/wallet/node-client";
import { Button } from "./ui";

export function HistoryList({
  account,
  entries,
  currency,
  hasMore,
  isLoadingMore,
  onLoadMore,
}: {
  account: string;
  entries: AccountEntry[] | null;
  currency: Currency;
  hasMore: boolean;
  isLoadingMore: boolean;
  onLoadMore: () => void;
}) {
  if (entries === null) {
    return (
      <ul aria-label="Loading history" className="space-y-3">
        {[0, 1, 2].map((index) => (
          <li key={index} className="h-16 animate-pulse rounded-xl bg-slate-100" />
        ))}
      </ul>
    );
  }
  if (entries.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">
        No payments yet. Money you receive or send shows up here.
      </p>
    );
  }
  return (
    <div className="space-y-4">
      <ul className="divide-y divide-slate-100" aria-label="Payments">
        {entries.map(({ txId, tx, blockHeight }) => {
          const isIncoming = tx.to === account;
          const counterparty = isIncoming ? tx.from : tx.to;
          const title =
            tx.type === "mint"
              ? "Test funds from the faucet"
              : isIncoming
                ? `From ${shortKey(counterparty)}`
                : `To ${shortKey(counterparty)}`;
          return (
            <li key={txId}>
              <Link
                href={`/receipts/${txId}`}
                className="flex items-center gap-3 rounded-lg px-2 py-3 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                <span
                  aria-hidden="true"
                  className={`grid size-9 shrink-0 place-items-center rounded-full text-lg ${isIncoming ? "bg-emerald-100 text-emerald-700" : "bg-slate-100 text-slate-700"}`}
                >
                  {isIncoming ? "↓" : "↑"}
                </span>
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-sm font-medium text-slate-900">{title}</span>
                  <span className="block truncate text-xs text-slate-600">
                    {tx.memo !== undefined && tx.memo !== "" ? `${tx.memo} · ` : ""}
                    {formatTime(tx.timestamp)} · block {blockHeight}
                  </span>
                </span>
                <span
                  className={`shrink-0 text-sm font-semibold tabular-nums ${isIncoming ? "text-emerald-700" : "text-slate-900"}`}
                >
                  {isIncoming ? "+" : "−"}
                  {formatAmount(tx.amount, currency)}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
      {hasMore && (
        <Button variant="secondary" className="w-full" isBusy={isLoadingMore} onClick={onLoadMore}>
          Show older payments
        </Button>
      )}
    </div>
  );
}
