// A block's transactions, one page of them: a table from the md breakpoint up, a list of cards on a phone.
import type { Currency, Transaction } from "@/lib/ledger/types";
import type { BlockTransaction } from "@/lib/server/blocks/read-block";
import { formatAmount } from "@/lib/wallet/format";
import { AccountLink, TransactionLink } from "../../../_components/entities/entity-links";
import { TableOrCards, type TableLayout } from "../../_components/table-or-cards";

function Payer({ tx }: { tx: Transaction }) {
  return tx.type === "mint" ? <span className="text-slate-600">mint (node)</span> : <AccountLink publicKey={tx.from} />;
}

export function BlockTransactions({
  transactions,
  currency,
}: {
  transactions: BlockTransaction[];
  currency: Currency;
}) {
  const layout: TableLayout<BlockTransaction> = {
    rowKey: (row) => row.txId,
    columns: [
      { label: "Leaf", cell: (row) => row.leafIndex, cellClass: "tabular-nums" },
      { label: "Transaction", cell: (row) => <TransactionLink txId={row.txId} /> },
      { label: "From", cell: (row) => <Payer tx={row.tx} /> },
      { label: "To", cell: (row) => <AccountLink publicKey={row.tx.to} /> },
      { label: "Amount", cell: (row) => formatAmount(row.tx.amount, currency), isNumeric: true },
    ],
    card: { heading: "Transaction", figure: "Amount", facts: ["From", "To", "Leaf"] },
  };
  return <TableOrCards label="Transactions in this block" rows={transactions} layout={layout} />;
}
