"use client";
// What became of the last payment: sending, verifying its receipt, paid (once the receipt verifies), a receipt that
// does not verify, refused, or not confirmed yet.
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { Currency } from "@/lib/ledger/types";
import { shortKey } from "@/lib/wallet/format";
import type { WalletMessage } from "@/lib/wallet/wallet-message";
import { useFormat } from "../i18n/use-format";
import { useCheckName } from "../i18n/use-check-name";
import { useWalletMessage } from "../i18n/use-wallet-message";
import { Notice } from "../ui";
import type { SendStatus } from "./hooks/use-outbox";

export function PaymentStatus({
  id,
  status,
  formProblem,
  currency,
}: {
  id: string;
  status: SendStatus;
  formProblem: WalletMessage | null;
  currency: Currency;
}) {
  const t = useTranslations("wallet.paymentStatus");
  const format = useFormat();
  const say = useWalletMessage();
  const checkName = useCheckName();
  return (
    <div id={id} className="min-h-6" aria-live="polite">
      {formProblem !== null && (
        <Notice tone="danger" title={t("notPaid")}>
          {say(formProblem)}
        </Notice>
      )}
      {status.kind === "sending" && <p className="text-sm text-slate-600">{t(status.what)}</p>}
      {status.kind === "verifying" && <p className="text-sm text-slate-600">{t("verifying")}</p>}
      {status.kind === "unverified" && (
        <Notice tone="warning" title={t("unverifiedTitle")}>
          {t("unverified", { checks: status.failedChecks.map(checkName).join("; ") })}
        </Notice>
      )}
      {status.kind === "unsent" && (
        <Notice tone="warning" title={t("unsentTitle")}>
          {say(status.problem)} {t("unsent")}
        </Notice>
      )}
      {status.kind === "sent" && (
        <Notice tone="success" title={status.isRepeat ? t("alreadyPaid") : t("paid")}>
          {t.rich("paidTo", {
            amount: format.amount(status.receipt.tx.amount, currency),
            to: shortKey(status.receipt.tx.to),
            height: status.receipt.block.header.height,
            key: (chunks) => <span className="font-mono">{chunks}</span>,
          })}{" "}
          <Link className="font-medium underline" href={`/receipts/${status.receipt.txId}`}>
            {t("viewReceipt")}
          </Link>
        </Notice>
      )}
    </div>
  );
}
