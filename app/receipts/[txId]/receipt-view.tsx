"use client";
import Link from "next/link";
import type { Receipt } from "@/lib/ledger/types";
import { formatAmount, formatTime, shortKey } from "@/lib/wallet/format";
import type { NodeInfo } from "@/lib/wallet/node-client";
import { ReceiptVerdict } from "../../_components/receipt-verdict";
import { Button, Card } from "../../_components/ui";
import { DetailsList } from "../../_components/details-list";

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
    ["Memo", tx.memo ?? "none"],
    ["Signed at", formatTime(tx.timestamp)],
    [
      "Transaction id",
      <code key="txid" className="break-all font-mono text-xs">
        {receipt.txId}
      </code>,
    ],
    ["Block", `${block.header.height}, sealed ${formatTime(block.header.timestamp)}`],
    [
      "Block hash",
      <code key="hash" className="break-all font-mono text-xs">
        {block.hash}
      </code>,
    ],
    [
      "Place in block",
      `leaf ${proof.leafIndex + 1} of ${proof.treeSize}, proven by ${proof.path.length} hash${proof.path.length === 1 ? "" : "es"}`,
    ],
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
      <div className="flex flex-wrap gap-3">
        <Button
          variant="secondary"
          onClick={() => {
            const url = URL.createObjectURL(new Blob([JSON.stringify(receipt, null, 2)], { type: "application/json" }));
            const link = document.createElement("a");
            link.href = url;
            link.download = `chainpay-receipt-${receipt.txId.slice(0, 12)}.json`;
            link.click();
            setTimeout(() => URL.revokeObjectURL(url), 1000);
          }}
        >
          Download receipt (JSON)
        </Button>
      </div>
    </main>
  );
}
