"use client";
// One payment in the wallet's history: who it was with, how much, when, and in which block. The amount and the
// block never hide: the counterparty and the memo are what truncate, and the time and block wrap below.
import Link from "next/link";
import type { Currency } from "@/lib/ledger/types";
import { formatAmount, shortKey } from "@/lib/wallet/format";
import type { AccountEntry } from "@/lib/ledger/types";
import type { WitnessStatus } from "@/lib/wallet/witnessed/witnessed-status";
import { LocalTime } from "../local-time";
import { WitnessBadge } from "./witnessed/witness-badge";

export function HistoryEntry({
  account,
  entry: { txId, tx, blockHeight },
  currency,
  witness,
}: {
  account: string;
  entry: AccountEntry;
  currency: Currency;
  /** Null when the node has no witness policy this wallet could pin. */
  witness: WitnessStatus | null;
}) {
  const isIncoming = tx.to === account;
  const title =
    tx.type === "mint"
      ? "Test funds from the faucet"
      : isIncoming
        ? `From ${shortKey(tx.from)}`
        : `To ${shortKey(tx.to)}`;
  const hasMemo = tx.memo !== undefined && tx.memo !== "";
  return (
    <li>
      <Link
        href={`/receipts/${txId}`}
        className="flex gap-3 rounded-lg px-2 py-3 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <span
          aria-hidden="true"
          className={`grid size-9 shrink-0 place-items-center rounded-full text-lg ${isIncoming ? "bg-emerald-100 text-emerald-700" : "bg-slate-100 text-slate-700"}`}
        >
          {isIncoming ? "↓" : "↑"}
        </span>
        <span className="min-w-0 flex-1 space-y-0.5">
          <span className="flex items-baseline justify-between gap-3">
            <span className="min-w-0 text-sm font-medium wrap-anywhere text-slate-900">{title}</span>
            <span
              className={`shrink-0 text-sm font-semibold tabular-nums ${isIncoming ? "text-emerald-700" : "text-slate-900"}`}
            >
              {isIncoming ? "+" : "−"}
              {formatAmount(tx.amount, currency)}
            </span>
          </span>
          {hasMemo && (
            <span className="block truncate text-sm text-slate-700" title={tx.memo}>
              {tx.memo}
            </span>
          )}
          <span className="flex flex-wrap gap-x-2 text-xs text-slate-600">
            <LocalTime iso={tx.timestamp} />
            <span aria-hidden="true">·</span>
            <span>Block {blockHeight}</span>
          </span>
          {witness !== null && (
            <span className="block" aria-live="polite">
              <WitnessBadge status={witness} />
            </span>
          )}
        </span>
      </Link>
    </li>
  );
}
