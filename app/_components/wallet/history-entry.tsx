"use client";
// One payment in the wallet's history: who it was with, how much, when, and in which block. The amount and the
// block never hide: the counterparty and the memo are what truncate, and the time and block wrap below.
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { Currency } from "@/lib/ledger/types";
import { useFormat } from "../i18n/use-format";
import type { AccountEntry } from "@/lib/ledger/types";
import type { WitnessStatus } from "@/lib/wallet/witnessed/witnessed-status";
import { LocalTime } from "../local-time";
import { WitnessBadge } from "./witnessed/witness-badge";
import { AddContactButton } from "./contacts/add-contact-button";
import { Counterparty } from "./contacts/counterparty";

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
  const t = useTranslations("wallet.historyEntry");
  const format = useFormat();
  const isIncoming = tx.to === account;
  const title =
    tx.type === "mint" ? (
      t("faucet")
    ) : isIncoming ? (
      <Counterparty publicKey={tx.from} direction="from" />
    ) : (
      <Counterparty publicKey={tx.to} direction="to" />
    );
  const hasMemo = tx.memo !== undefined && tx.memo !== "";
  return (
    <li className="flex gap-1">
      <Link
        href={`/receipts/${txId}`}
        className="flex min-w-0 flex-1 gap-3 rounded-lg px-2 py-3 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
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
              {format.amount(tx.amount, currency)}
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
            <span>{t("block", { height: blockHeight })}</span>
          </span>
          {witness !== null && (
            <span className="block" aria-live="polite">
              <WitnessBadge status={witness} />
            </span>
          )}
        </span>
      </Link>
      {/* Beside the link, not in it: a button inside a link is neither one nor the other to a screen reader. */}
      {tx.type !== "mint" && <AddContactButton publicKey={isIncoming ? tx.from : tx.to} />}
    </li>
  );
}
