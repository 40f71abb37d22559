"use client";
// A receipt, in full: what was paid, where it sits in which block, and the verdict of the browser's own check.
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { Receipt } from "@/lib/ledger/types";
import { downloadJson, receiptFilename } from "@/lib/wallet/download";
import { shortKey } from "@/lib/wallet/format";
import type { NodeInfo } from "@/lib/wallet/node-client";
import { DetailsList } from "../../_components/details-list";
import { useFormat } from "../../_components/i18n/use-format";
import { Preferences } from "../../_components/preferences/preferences";
import { LocalTime } from "../../_components/local-time";
import { ReceiptVerdict } from "../../_components/receipt-verdict";
import { Button, Card } from "../../_components/ui";
import { WitnessPanel } from "./witness-panel";

export function ReceiptView({ receipt, info }: { receipt: Receipt; info: NodeInfo }) {
  const t = useTranslations("receipts.view");
  const format = useFormat();
  const { tx, block, proof } = receipt;
  const amount = format.amount(tx.amount, info.currency);
  const rows: [string, React.ReactNode][] = [
    [
      t("amount"),
      <span key="amount" className="font-semibold">
        {amount}
      </span>,
    ],
    [
      t("from"),
      tx.type === "mint" ? (
        t("fromNode")
      ) : (
        <code key="from" className="break-all font-mono text-xs">
          {tx.from}
        </code>
      ),
    ],
    [
      t("to"),
      <code key="to" className="break-all font-mono text-xs">
        {tx.to}
      </code>,
    ],
    [
      t("memo"),
      // A memo may be one long word; it wraps anywhere rather than widen the page.
      <span key="memo" className="wrap-anywhere">
        {tx.memo ?? t("noMemo")}
      </span>,
    ],
    [t("signedAt"), <LocalTime key="signed" iso={tx.timestamp} />],
    [
      t("txId"),
      <code key="txid" className="break-all font-mono text-xs">
        {receipt.txId}
      </code>,
    ],
    [
      t("block"),
      <span key="block">
        {t.rich("blockSealed", {
          height: block.header.height,
          time: () => <LocalTime iso={block.header.timestamp} />,
        })}
      </span>,
    ],
    [
      t("blockHash"),
      <code key="hash" className="break-all font-mono text-xs">
        {block.hash}
      </code>,
    ],
    [
      t("placeInBlock"),
      proof.treeSize === 1
        ? t("placeRoot", { leaf: proof.leafIndex, size: proof.treeSize })
        : t("placeProven", { leaf: proof.leafIndex, size: proof.treeSize, hashes: proof.path.length }),
    ],
    [
      t("nodeKey"),
      <code key="node" className="break-all font-mono text-xs">
        {receipt.nodePublicKey}
      </code>,
    ],
  ];

  return (
    <main className="mx-auto max-w-3xl space-y-6 px-4 py-6 sm:py-10">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <nav>
          <Link href="/" className="text-sm font-medium text-indigo-700 hover:underline">
            {t("back")}
          </Link>
        </nav>
        <Preferences />
      </header>
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <ReceiptVerdict receipt={receipt} info={info} />
      <Card labelledBy="details-heading">
        <h2 id="details-heading" className="mb-4 text-lg font-semibold">
          {t(tx.type === "mint" ? "headingTestFunds" : "headingPayment", { amount, to: shortKey(tx.to) })}
        </h2>
        <DetailsList rows={rows} />
      </Card>
      <WitnessPanel receipt={receipt} info={info} />
      <div className="flex flex-wrap gap-3">
        <Button variant="secondary" onClick={() => downloadJson(receiptFilename(receipt.txId, false), receipt)}>
          {t("download")}
        </Button>
      </div>
    </main>
  );
}
