"use client";
// A request's payment: who paid (by contact name when known), how much, in which block, and whether its receipt
// verified in this browser; a link to the receipt's own page, and "Add payer to contacts" for a stranger.
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { Currency, Receipt } from "@/lib/ledger/types";
import { shortKey } from "@/lib/wallet/format";
import { useFormat } from "../../i18n/use-format";
import { Card, Notice } from "../../ui";
import { useContacts } from "../../wallet/hooks/use-contacts";
import { AddPayerContact } from "./add-payer-contact";

export function PaidPanel({
  receipt,
  isVerified,
  currency,
}: {
  receipt: Receipt;
  isVerified: boolean;
  currency: Currency;
}) {
  const t = useTranslations("requests.page");
  const format = useFormat();
  const contacts = useContacts();
  const payer = receipt.tx.from;
  const payerName = contacts.nameOf(payer);

  return (
    <Card labelledBy="request-paid-heading" className="space-y-4">
      <h2 id="request-paid-heading" className="sr-only">
        {t("payer")}
      </h2>
      <Notice tone={isVerified ? "success" : "danger"} title={isVerified ? t("verified") : t("notVerified")}>
        <span data-testid="receipt-check">{isVerified ? t("verifiedBody") : t("notVerifiedBody")}</span>
      </Notice>
      <p className="text-sm text-slate-800">
        {t("paidBody", {
          amount: format.amount(receipt.tx.amount, currency),
          payer: payerName ?? shortKey(payer),
          height: receipt.block.header.height,
        })}
      </p>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">{t("payer")}</dt>
        <dd className="min-w-0">
          {payerName !== undefined && (
            <span className="block font-semibold text-slate-900" data-testid="payer-name">
              {payerName}
            </span>
          )}
          <span className="font-mono text-xs break-all text-slate-900">{payer}</span>
        </dd>
      </dl>
      <div className="flex flex-wrap items-center gap-3">
        <Link href={`/receipts/${receipt.txId}`} className="text-sm font-medium text-indigo-700 underline">
          {t("viewReceipt")}
        </Link>
      </div>
      {payerName === undefined && <AddPayerContact publicKey={payer} onSave={(contact) => contacts.save(contact)} />}
    </Card>
  );
}
