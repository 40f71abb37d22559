"use client";
// A receipt, in full: what was paid, where it sits in which block, and the verdict of the browser's own check.
import Link from "next/link";
import type { Receipt } from "@/lib/ledger/types";
import { downloadJson, receiptFilename } from "@/lib/wallet/download";
import { describeLeafPlace, formatAmount, shortKey } from "@/lib/wallet/format";
import type { NodeInfo } from "@/lib/wallet/node-client";
import { DetailsList } from "../../_components/details-list";
import { LocalTime } from "../../_components/local-time";
import { ReceiptVerdict } from "../../_components/receipt-verdict";
import { Button, Card } from "../../_components/ui";
import { WitnessPanel } from "./witness-panel";

export function ReceiptView({ receipt, info }: { receipt: Receipt; info: NodeInfo }) {
  const { tx, block, proof } = receipt;
  const rows: [string, React.ReactNode][] = [
    [
      "Amount",
      <span key="amount" className="font-semibold">
        {formatAmount(tx.amount, info.currency)}
      </span>,
    ],
    [
      "From",
      tx.type === "mint" ? (
        "the node (test funds)"
      ) : (
        <code key="from" className="break-all font-mono text-xs">
          {tx.from}
        </code>
      ),
    ],
    [
      "To",
      <code key="to" className="break-all font-mono text-xs">
        {tx.to}
      </code>,
    ],
    [
      "Memo",
      // A memo may be one long word; it wraps anywhere rather than widen the page.
      <span key="memo" className="wrap-anywhere">
        {tx.memo ?? "none"}
      </span>,
    ],
    ["Signed at", <LocalTime key="signed" iso={tx.timestamp} />],
    [
      "Transaction id",
      <code key="txid" className="break-all font-mono text-xs">
        {receipt.txId}
      </code>,
    ],
    [
      "Block",
      <span key="block">
        {block.header.height}, sealed <LocalTime iso={block.header.timestamp} />
      </span>,
    ],
    [
      "Block hash",
      <code key="hash" className="break-all font-mono text-xs">
        {block.hash}
      </code>,
    ],
    ["Place in block", describeLeafPlace(proof)],
    [
      "Node key",
      <code key="node" className="break-all font-mono text-xs">
        {receipt.nodePublicKey}
      </code>,
    ],
  ];

  return (
    <main className="mx-auto max-w-3xl space-y-6 px-4 py-6 sm:py-10">
      <nav>
        <Link href="/" className="text-sm font-medium text-indigo-700 hover:underline">
          ← Back to the wallet
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold tracking-tight">Receipt</h1>
      <ReceiptVerdict receipt={receipt} info={info} />
      <Card labelledBy="details-heading">
        <h2 id="details-heading" className="mb-4 text-lg font-semibold">
          {tx.type === "mint" ? "Test funds" : "Payment"} of {formatAmount(tx.amount, info.currency)} to{" "}
          {shortKey(tx.to)}
        </h2>
        <DetailsList rows={rows} />
      </Card>
      <WitnessPanel receipt={receipt} info={info} />
      <div className="flex flex-wrap gap-3">
        <Button variant="secondary" onClick={() => downloadJson(receiptFilename(receipt.txId, false), receipt)}>
          Download receipt (JSON)
        </Button>
      </div>
    </main>
  );
}
