// One page of an account's history, newest first: a table from the md breakpoint up, a list of cards on a phone,
// each with its signed amount, its counterparty and its time.
import { useTranslations } from "next-intl";
import type { Currency, Transaction } from "@/lib/ledger/types";
import { AccountLink, BlockLink, TransactionLink } from "../../../_components/entities/entity-links";
import { RelativeTime } from "../../../_components/entities/relative-time";
import { TableOrCards, type TableLayout } from "../../_components/table-or-cards";
import { usePageFormat } from "../../_components/use-page-format";

type HistoryEntry = { txId: string; tx: Transaction; blockHeight: number };

function Counterparty({ tx, isIncoming, mintLabel }: { tx: Transaction; isIncoming: boolean; mintLabel: string }) {
  if (tx.type === "mint") return <span className="text-slate-600">{mintLabel}</span>;
  return <AccountLink publicKey={isIncoming ? tx.from : tx.to} />;
}

function SignedAmount({ tx, isIncoming, currency }: { tx: Transaction; isIncoming: boolean; currency: Currency }) {
  const format = usePageFormat();
  return (
    <span className={`tabular-nums ${isIncoming ? "text-emerald-700" : ""}`}>
      {isIncoming ? "+" : "−"}
      {format.amount(tx.amount, currency)}
    </span>
  );
}

export function AccountHistory({
  publicKey,
  entries,
  currency,
}: {
  publicKey: string;
  entries: HistoryEntry[];
  currency: Currency;
}) {
  const t = useTranslations("explorer.account");
  const isIncoming = (entry: HistoryEntry) => entry.tx.to === publicKey;
  const layout: TableLayout<HistoryEntry> = {
    rowKey: (entry) => entry.txId,
    columns: [
      { label: t("transaction"), cell: (entry) => <TransactionLink txId={entry.txId} /> },
      { label: t("block"), cell: (entry) => <BlockLink height={entry.blockHeight} /> },
      {
        label: t("counterparty"),
        cell: (entry) => <Counterparty tx={entry.tx} isIncoming={isIncoming(entry)} mintLabel={t("mint")} />,
        term: (entry) => (isIncoming(entry) ? t("from") : t("to")),
      },
      { label: t("time"), cell: (entry) => <RelativeTime iso={entry.tx.timestamp} />, cellClass: "text-slate-600" },
      {
        label: t("amount"),
        cell: (entry) => <SignedAmount tx={entry.tx} isIncoming={isIncoming(entry)} currency={currency} />,
        isNumeric: true,
      },
    ],
    card: { heading: t("transaction"), figure: t("amount"), facts: [t("counterparty"), t("time"), t("block")] },
  };
  return <TableOrCards label={t("tableLabel")} rows={entries} layout={layout} />;
}
