// A transaction: its receipt, its verified state, and its inclusion proof drawn as the audit path to the root.
import { bytesToHex, hexToBytes } from "@/lib/ledger/hex";
import { inclusionSteps } from "@/lib/ledger/merkle";
import { adminPageNode } from "@/app/_lib/require-admin-page";
import { readReceiptForPage } from "@/app/_lib/read-receipt-for-page";
import { getTranslations } from "next-intl/server";
import { getFormat } from "@/app/_components/i18n/get-format";
import { AccountLink, BlockLink } from "../../../_components/entities/entity-links";
import { shortHash } from "../../../_components/entities/hash-text";
import { RelativeTime } from "../../../_components/entities/relative-time";
import { ReceiptVerdict } from "../../../_components/receipt-verdict";
import { DetailsCard } from "../../_components/details-card";
import { Card } from "../../../_components/ui";

export const dynamic = "force-dynamic";

export default async function TransactionPage({ params }: { params: Promise<{ txId: string }> }) {
  const node = await adminPageNode();
  const { txId } = await params;
  const [{ receipt, info }, t, format] = await Promise.all([
    readReceiptForPage(node, txId),
    getTranslations("explorer.transaction"),
    getFormat(),
  ]);
  const { tx, block, proof } = receipt;
  const walk = inclusionSteps(hexToBytes(txId), proof.leafIndex, proof.treeSize, proof.path.map(hexToBytes));
  const root = walk === null ? null : bytesToHex(walk.steps.at(-1)?.parent ?? walk.leafHash);
  const fields: [string, React.ReactNode][] = [
    [t("type"), tx.type === "mint" ? t("typeMint") : t("typePayment")],
    [t("amount"), format.amount(tx.amount, node.config.currency)],
    [
      t("from"),
      tx.type === "mint" ? (
        <span key="f" className="break-all font-mono text-xs">
          {tx.from}
        </span>
      ) : (
        <AccountLink key="f" publicKey={tx.from} isFull />
      ),
    ],
    [t("to"), <AccountLink key="t" publicKey={tx.to} isFull />],
    [t("memo"), tx.memo ?? t("memoNone")],
    [t("signedAt"), <RelativeTime key="a" iso={tx.timestamp} isAbsoluteShown />],
    [t("block"), <BlockLink key="b" height={block.header.height} />],
    [
      t("signature"),
      <code key="s" className="break-all font-mono text-xs">
        {receipt.signature}
      </code>,
    ],
  ];
  return (
    <>
      <h1 className="break-all text-2xl font-semibold tracking-tight">{t("heading", { id: shortHash(txId, 12) })}</h1>
      <ReceiptVerdict receipt={receipt} info={info} />
      <DetailsCard heading={t("detailsHeading")} headingId="details-heading" rows={fields} />
      <Card labelledBy="proof-heading">
        <h2 id="proof-heading" className="text-lg font-semibold">
          {t("proofHeading")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {proof.treeSize === 1
            ? t("leafRoot", { leaf: proof.leafIndex, size: proof.treeSize })
            : t("leafPlace", { leaf: proof.leafIndex, size: proof.treeSize, hashes: proof.path.length })}{" "}
          {proof.path.length === 0 ? t("proofRootOnly") : t("proofSteps")}
        </p>
        {walk === null ? (
          <p className="mt-3 font-medium text-rose-700">{t("impossiblePath", { size: proof.treeSize })}</p>
        ) : (
          <ol className="mt-4 space-y-2 text-xs" data-testid="audit-path">
            <li className="rounded-lg border border-slate-200 bg-slate-50 p-3">
              <span className="font-medium text-slate-700">{t("leafHash")}</span> = SHA-256(0x00 ‖ txId) ={" "}
              <code className="break-all font-mono">{bytesToHex(walk.leafHash)}</code>
            </li>
            {walk.steps.map((step, index) => (
              <li
                key={index}
                // Each step is indented one level deeper, by less on a phone, whose width cannot spare 6 rem.
                className="ml-[calc(var(--depth)*0.25rem)] rounded-lg border border-slate-200 p-3 sm:ml-[calc(var(--depth)*0.75rem)]"
                style={{ "--depth": Math.min(index + 1, 8) } as React.CSSProperties}
              >
                <span className="font-medium text-slate-700">{t("step", { number: index + 1 })}</span>{" "}
                {t("siblingOn", { side: step.siblingSide })}{" "}
                <code className="break-all font-mono text-slate-600">{bytesToHex(step.sibling)}</code>
                <br />→ SHA-256(0x01 ‖ {step.siblingSide === "left" ? t("siblingValue") : t("valueSibling")}) ={" "}
                <code className="break-all font-mono">{bytesToHex(step.parent)}</code>
              </li>
            ))}
            <li
              className={`rounded-lg border-2 p-3 ${root === block.header.merkleRoot ? "border-emerald-500 bg-emerald-50" : "border-rose-600 bg-rose-50"}`}
            >
              <span className="font-medium">
                {root === block.header.merkleRoot ? t("equalsRoot") : t("differsRoot")}
              </span>{" "}
              <code className="break-all font-mono">{block.header.merkleRoot}</code>
            </li>
          </ol>
        )}
      </Card>
    </>
  );
}
