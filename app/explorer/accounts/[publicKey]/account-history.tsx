// One page of an account's history, newest first: a table from the md breakpoint up, a list of cards on a phone,
// each with its signed amount, its counterparty and its time.
import type { Currency, Transaction } from "@/lib/ledger/types";
import { formatAmount } from "@/lib/wallet/format";
import { AccountLink, BlockLink, TransactionLink } from "../../../_components/entities/entity-links";
import { RelativeTime } from "../../../_components/entities/relative-time";
import { TableOrCards, type TableLayout } from "../../_components/table-or-cards";

type HistoryEntry = { txId: string; tx: Transaction; blockHeight: number };

function Counterparty({ tx, isIncoming }: { tx: Transaction; isIncoming: boolean }) {
  if (tx.type === "mint") return <span className="text-slate-600">mint</span>;
  return <AccountLink publicKey={isIncoming ? tx.from : tx.to} />;
}

function SignedAmount({ tx, isIncoming, currency }: { tx: Transaction; isIncoming: boolean; currency: Currency }) {
  return (
    <span className={`tabular-nums ${isIncoming ? "text-emerald-700" : ""}`}>
      {isIncoming ? "+" : "−"}
      {formatAmount(tx.amount, currency)}
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
  const isIncoming = (entry: HistoryEntry) => entry.tx.to === publicKey;
  const layout: TableLayout<HistoryEntry> = {
    rowKey: (entry) => entry.txId,
    columns: [
      { label: "Transaction", cell: (entry) => <TransactionLink txId={entry.txId} /> },
      { label: "Block", cell: (entry) => <BlockLink height={entry.blockHeight} /> },
      {
        label: "Counterparty",
        cell: (entry) => <Counterparty tx={entry.tx} isIncoming={isIncoming(entry)} />,
        term: (entry) => (isIncoming(entry) ? "From" : "To"),
      },
      { label: "Time", cell: (entry) => <RelativeTime iso={entry.tx.timestamp} />, cellClass: "text-slate-600" },
      {
        label: "Amount",
        cell: (entry) => <SignedAmount tx={entry.tx} isIncoming={isIncoming(entry)} currency={currency} />,
        isNumeric: true,
      },
    ],
    card: { heading: "Transaction", figure: "Amount", facts: ["Counterparty", "Time", "Block"] },
  };
  return <TableOrCards label="History, newest first" rows={entries} layout={layout} />;
}
