// A block's transactions, one page of them: a table from the md breakpoint up, a list of cards on a phone.
import type { Currency, Transaction } from "@/lib/ledger/types";
import type { BlockTransaction } from "@/lib/server/blocks/read-block";
import { formatAmount } from "@/lib/wallet/format";
import { AccountLink, TransactionLink } from "../../../_components/entities/entity-links";
import { TableHead } from "../../_components/table-head";
import { TableOrCards, type CardItem } from "../../_components/table-or-cards";

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
  const cards: CardItem[] = transactions.map(({ txId, tx, leafIndex }) => ({
    key: txId,
    heading: <TransactionLink txId={txId} />,
    figure: formatAmount(tx.amount, currency),
    facts: [
      ["From", <Payer key="from" tx={tx} />],
      ["To", <AccountLink key="to" publicKey={tx.to} />],
      ["Leaf", leafIndex],
    ],
  }));
  return (
    <TableOrCards label="Transactions in this block" items={cards}>
      <table className="w-full text-left text-sm">
        <TableHead columns={["Leaf", "Transaction", "From", "To", { label: "Amount", isNumeric: true }]} />
        <tbody>
          {transactions.map(({ txId, tx, leafIndex }) => (
            <tr key={txId} className="border-b border-slate-100">
              <td className="py-2 pr-3 tabular-nums">{leafIndex}</td>
              <td className="py-2 pr-3">
                <TransactionLink txId={txId} />
              </td>
              <td className="py-2 pr-3">
                <Payer tx={tx} />
              </td>
              <td className="py-2 pr-3">
                <AccountLink publicKey={tx.to} />
              </td>
              <td className="py-2 text-right tabular-nums">{formatAmount(tx.amount, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableOrCards>
  );
}
