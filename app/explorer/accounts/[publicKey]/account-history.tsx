// One page of an account's history, newest first: a table from the md breakpoint up, a list of cards on a phone,
// each with its signed amount, its counterparty and its time.
import type { Currency, Transaction } from "@/lib/ledger/types";
import { formatAmount } from "@/lib/wallet/format";
import { AccountLink, BlockLink, TransactionLink } from "../../../_components/entities/entity-links";
import { RelativeTime } from "../../../_components/entities/relative-time";
import { TableHead } from "../../_components/table-head";
import { TableOrCards, type CardItem } from "../../_components/table-or-cards";

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
  const cards: CardItem[] = entries.map(({ txId, tx, blockHeight }) => {
    const isIncoming = tx.to === publicKey;
    return {
      key: txId,
      heading: <TransactionLink txId={txId} />,
      figure: <SignedAmount tx={tx} isIncoming={isIncoming} currency={currency} />,
      facts: [
        [isIncoming ? "From" : "To", <Counterparty key="counterparty" tx={tx} isIncoming={isIncoming} />],
        ["Time", <RelativeTime key="time" iso={tx.timestamp} />],
        ["Block", <BlockLink key="block" height={blockHeight} />],
      ],
    };
  });
  return (
    <TableOrCards label="History, newest first" items={cards}>
      <table className="w-full text-left text-sm">
        <TableHead columns={["Transaction", "Block", "Counterparty", "Time", { label: "Amount", isNumeric: true }]} />
        <tbody>
          {entries.map(({ txId, tx, blockHeight }) => {
            const isIncoming = tx.to === publicKey;
            return (
              <tr key={txId} className="border-b border-slate-100">
                <td className="py-2 pr-3">
                  <TransactionLink txId={txId} />
                </td>
                <td className="py-2 pr-3">
                  <BlockLink height={blockHeight} />
                </td>
                <td className="py-2 pr-3">
                  <Counterparty tx={tx} isIncoming={isIncoming} />
                </td>
                <td className="py-2 pr-3 text-slate-600">
                  <RelativeTime iso={tx.timestamp} />
                </td>
                <td className="py-2 text-right">
                  <SignedAmount tx={tx} isIncoming={isIncoming} currency={currency} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableOrCards>
  );
}
