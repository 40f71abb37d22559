// A block's transactions, one page of them: a table from the md breakpoint up, a list of cards on a phone.
import { useTranslations } from "next-intl";
import type { Currency, Transaction } from "@/lib/ledger/types";
import type { BlockTransaction } from "@/lib/server/blocks/read-block";
import { usePageFormat } from "../../_components/use-page-format";
import { AccountLink, TransactionLink } from "../../../_components/entities/entity-links";
import { TableOrCards, type TableLayout } from "../../_components/table-or-cards";

function Payer({ tx, mintLabel }: { tx: Transaction; mintLabel: string }) {
  return tx.type === "mint" ? <span className="text-slate-600">{mintLabel}</span> : <AccountLink publicKey={tx.from} />;
}

export function BlockTransactions({
  transactions,
  currency,
}: {
  transactions: BlockTransaction[];
  currency: Currency;
}) {
  const t = useTranslations("explorer.block");
  const format = usePageFormat();
  const layout: TableLayout<BlockTransaction> = {
    rowKey: (row) => row.txId,
    columns: [
      { label: t("leaf"), cell: (row) => row.leafIndex, cellClass: "tabular-nums" },
      { label: t("transaction"), cell: (row) => <TransactionLink txId={row.txId} /> },
      { label: t("from"), cell: (row) => <Payer tx={row.tx} mintLabel={t("mintPayer")} /> },
      { label: t("to"), cell: (row) => <AccountLink publicKey={row.tx.to} /> },
      { label: t("amount"), cell: (row) => format.amount(row.tx.amount, currency), isNumeric: true },
    ],
    card: { heading: t("transaction"), figure: t("amount"), facts: [t("from"), t("to"), t("leaf")] },
  };
  return <TableOrCards label={t("tableLabel")} rows={transactions} layout={layout} />;
}
