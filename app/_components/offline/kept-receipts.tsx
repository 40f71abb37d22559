"use client";
// Offline, the receipts this browser keeps for the account, each verified on demand here, with the network off:
// the same verifyReceipt the node's receipts page runs, against the node key this browser pinned at first use.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { verifyWithWebCrypto } from "@/lib/ledger/ed25519";
import { verifyReceipt } from "@/lib/ledger/receipt";
import type { Currency, Receipt } from "@/lib/ledger/types";
import { readPin } from "@/lib/wallet/chain-watch";
import { shortKey } from "@/lib/wallet/format";
import { keptReceiptsOf } from "@/lib/wallet/offline/kept-receipts";
import { useFormat } from "../i18n/use-format";
import { Button } from "../ui";

/** The newest receipts listed; the rest are counted (the store keeps up to 500). */
const receiptsShownMax = 10;

export function KeptReceipts({ account, currency }: { account: string; currency: Currency }) {
  const t = useTranslations("offline.receipts");
  // Rendered only offline, after hydration: localStorage is read in the browser alone.
  const [receipts] = useState(() => keptReceiptsOf(account));
  const [trustedKey] = useState(() => readPin()?.nodePublicKey ?? null);
  return (
    <section aria-labelledby="kept-receipts-heading" className="space-y-3 border-t border-slate-200 pt-4">
      <h3 id="kept-receipts-heading" className="text-base font-semibold text-slate-900">
        {t("title")}
      </h3>
      <p className="text-sm text-slate-700">
        {receipts.length === 0 ? t("empty") : trustedKey === null ? t("noKey") : t("intro")}
      </p>
      {trustedKey !== null && receipts.length > 0 && (
        <ul className="divide-y divide-slate-100">
          {receipts.slice(0, receiptsShownMax).map((receipt) => (
            <KeptReceipt
              key={receipt.txId}
              receipt={receipt}
              account={account}
              currency={currency}
              trustedKey={trustedKey}
            />
          ))}
        </ul>
      )}
      {receipts.length > receiptsShownMax && (
        <p className="text-sm text-slate-600">{t("more", { count: receipts.length - receiptsShownMax })}</p>
      )}
    </section>
  );
}

type Verdict = { kind: "idle" } | { kind: "verifying" } | { kind: "done"; failedChecks: string[] };

function KeptReceipt({
  receipt,
  account,
  currency,
  trustedKey,
}: {
  receipt: Receipt;
  account: string;
  currency: Currency;
  trustedKey: string;
}) {
  const t = useTranslations("offline.receipts");
  const format = useFormat();
  const [verdict, setVerdict] = useState<Verdict>({ kind: "idle" });
  const { tx } = receipt;
  const isIncoming = tx.to === account;
  const amount = format.amount(tx.amount, currency);
  const verify = async () => {
    setVerdict({ kind: "verifying" });
    const verification = await verifyReceipt(receipt, trustedKey, verifyWithWebCrypto);
    setVerdict({
      kind: "done",
      failedChecks: verification.checks.filter((check) => !check.ok).map((check) => check.name),
    });
  };
  return (
    <li className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2 py-3" data-testid="kept-receipt">
      <span className="min-w-0 text-sm">
        <span className="block font-medium wrap-anywhere text-slate-900">
          {t("payment", {
            direction: tx.type === "mint" ? "mint" : isIncoming ? "in" : "out",
            counterparty: shortKey(isIncoming ? tx.from : tx.to),
          })}{" "}
          <span className="tabular-nums">{amount}</span>
        </span>
        <time dateTime={tx.timestamp} className="text-xs text-slate-600">
          {format.dateTime(tx.timestamp)}
        </time>
      </span>
      <span className="flex items-center gap-3">
        <span role="status" className="text-sm font-medium">
          {verdict.kind === "done" &&
            (verdict.failedChecks.length === 0 ? (
              <span className="text-emerald-800">{t("verified")}</span>
            ) : (
              <span className="text-rose-800">{t("failed", { checks: verdict.failedChecks.join("; ") })}</span>
            ))}
        </span>
        {verdict.kind !== "done" && (
          <Button
            variant="secondary"
            isBusy={verdict.kind === "verifying"}
            aria-label={t("verifyLabel", { amount })}
            onClick={() => void verify()}
          >
            {verdict.kind === "verifying" ? t("verifying") : t("verify")}
          </Button>
        )}
      </span>
    </li>
  );
}
