"use client";
// The payment form locked to a request: payee, amount and memo are the request's and read-only (an open amount is
// the one field the payer types), for the payer to check and confirm.
import { useTranslations } from "next-intl";
import { useId } from "react";
import type { StoredWallet } from "@/lib/wallet/keystore";
import type { NodeInfo } from "@/lib/wallet/node-client";
import { formatLinkAmount, type PaymentRequest } from "@/lib/wallet/requests/request-link";
import { useFormat } from "../../i18n/use-format";
import { Button, Card, Field, Notice, inputClass } from "../../ui";
import { useContacts } from "../../wallet/hooks/use-contacts";
import { PaymentStatus } from "../../wallet/payment-status";
import { useLockedPayment } from "./use-locked-payment";

const readOnlyClass = `${inputClass} bg-slate-50`;

export function LockedPaymentForm(props: {
  initialInfo: NodeInfo;
  request: PaymentRequest;
  wallets: StoredWallet[];
  wallet: StoredWallet;
  onSelectWallet: (publicKey: string) => void;
}) {
  const { request, wallets, wallet } = props;
  const t = useTranslations("requests");
  const format = useFormat();
  const id = useId();
  const contacts = useContacts();
  const form = useLockedPayment({ initialInfo: props.initialInfo, request, wallet });
  const { currency } = form.info;
  const { status } = form;
  const payeeName = contacts.nameOf(request.to);
  const isSending = status.kind === "sending" || status.kind === "verifying";
  const balance = form.balanceMinor === null ? "" : format.amount(form.balanceMinor, currency);
  const amountError =
    form.amountProblem === null
      ? null
      : t(`amountProblem.${form.amountProblem}`, { decimals: currency.decimals, balance });

  return (
    <Card labelledBy={`${id}-heading`} className="space-y-4">
      <h2 id={`${id}-heading`} className="sr-only">
        {t("pay.formHeading")}
      </h2>
      <form
        noValidate
        onSubmit={(event) => void form.submit(event)}
        className="space-y-4"
        aria-describedby={`${id}-status`}
      >
        <div className="space-y-1.5">
          <p className="text-sm font-medium text-slate-800">{t("pay.payee")}</p>
          {payeeName !== undefined && (
            <p className="text-lg font-semibold text-slate-900" data-testid="payee-name">
              {payeeName}
            </p>
          )}
          <label htmlFor={`${id}-payee`} className="block text-xs text-slate-600">
            {t("pay.payeeKey")}
          </label>
          {/* A textarea, so that the whole key wraps into view on a phone rather than scrolling inside a field. */}
          <textarea
            id={`${id}-payee`}
            readOnly
            rows={2}
            value={request.to}
            className={`${readOnlyClass} resize-none font-mono text-xs break-all`}
          />
        </div>
        {request.amountMinor === null ? (
          <Field
            id={`${id}-amount`}
            label={t("pay.amountInput", { code: currency.code })}
            error={amountError}
            hint={form.balanceMinor === null ? " " : t("pay.available", { balance })}
          >
            <input
              id={`${id}-amount`}
              className={inputClass}
              inputMode="decimal"
              autoComplete="off"
              value={form.amountText}
              aria-invalid={amountError !== null}
              aria-describedby={`${id}-amount-message`}
              onChange={(event) => form.setAmountText(event.target.value)}
            />
          </Field>
        ) : (
          <Field
            id={`${id}-amount`}
            label={t("pay.amount")}
            error={amountError}
            hint={form.balanceMinor === null ? " " : t("pay.available", { balance })}
          >
            <input
              id={`${id}-amount`}
              readOnly
              className={`${readOnlyClass} text-lg font-semibold`}
              value={format.amount(request.amountMinor, currency)}
              data-amount={formatLinkAmount(request.amountMinor, currency)}
              aria-invalid={amountError !== null}
              aria-describedby={`${id}-amount-message`}
            />
          </Field>
        )}
        {request.memo !== "" && (
          <div className="space-y-1.5">
            <label htmlFor={`${id}-memo`} className="block text-sm font-medium text-slate-800">
              {t("pay.memo")}
            </label>
            <input id={`${id}-memo`} readOnly value={request.memo} className={readOnlyClass} />
          </div>
        )}
        {request.expiresAt !== null && (
          <p className="text-sm text-slate-600">
            {t("pay.expires", { time: format.dateTime(new Date(request.expiresAt * 1000).toISOString()) })}
          </p>
        )}
        {wallets.length > 1 && (
          <div className="space-y-1.5">
            <label htmlFor={`${id}-from`} className="block text-sm font-medium text-slate-800">
              {t("pay.from")}
            </label>
            <select
              id={`${id}-from`}
              className={inputClass}
              value={wallet.publicKey}
              onChange={(event) => props.onSelectWallet(event.target.value)}
            >
              {wallets.map((choice) => (
                <option key={choice.publicKey} value={choice.publicKey}>
                  {choice.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {form.isOwnRequest ? (
          <Notice tone="warning" title={t("pay.own")} />
        ) : form.isAlarm ? (
          <p className="text-sm text-rose-800">{t("pay.paused")}</p>
        ) : (
          !form.isPaid && (
            <div className="flex flex-wrap gap-3">
              <Button type="submit" isBusy={isSending} className="min-w-40">
                {isSending ? t("pay.sending") : t("pay.confirm")}
              </Button>
              {status.kind === "unsent" && (
                <Button variant="secondary" onClick={() => void form.retry(status.entry, "sendingAgain")}>
                  {t("pay.retry")}
                </Button>
              )}
            </div>
          )
        )}
        {form.isExpiredNow && (
          <p role="alert" className="text-sm text-rose-700">
            {t("pay.expiredNow")}
          </p>
        )}
        <PaymentStatus id={`${id}-status`} status={status} formProblem={form.formProblem} currency={currency} />
      </form>
    </Card>
  );
}
