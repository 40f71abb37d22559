"use client";
// The payment form: checks as the person types, signs in the browser, and never pays twice (see useOutbox).
import { useId } from "react";
import { useTranslations } from "next-intl";
import { memoCodePointsMax } from "@/lib/ledger/limits";
import { useFormat } from "../i18n/use-format";
import { useWalletMessage } from "../i18n/use-wallet-message";
import type { LogPauseReason } from "./witnessed/log-alert";
import { Button, Field, inputClass } from "../ui";
import { usePaymentForm, type PaymentFormInput } from "./hooks/use-payment-form";
import { PaymentStatus } from "./payment-status";
import { ContactPicker, PayeeName } from "./contacts/contact-picker";

/**
 * `isPaused`: the wallet's audit raised an alarm; the form gives way to a notice, the last payment's status stays.
 * `pausedReason` names a warning of the witnessed log's watch, when that is why.
 * `needsNodeReason`: the wallet is offline; the form stays, but Pay is disabled and says why.
 */
export function PaymentForm({
  isPaused,
  pausedReason = null,
  needsNodeReason = null,
  ...props
}: PaymentFormInput & {
  isPaused: boolean;
  pausedReason?: LogPauseReason | null;
  needsNodeReason?: string | null;
}) {
  const id = useId();
  const t = useTranslations("wallet.paymentForm");
  const format = useFormat();
  const say = useWalletMessage();
  const { currency, balanceMinor } = props;
  const form = usePaymentForm(props);
  const { status } = form;
  const isSending = status.kind === "sending" || status.kind === "verifying";
  const statusPanel = (
    <PaymentStatus id={`${id}-status`} status={status} formProblem={form.formProblem} currency={currency} />
  );

  if (isPaused) {
    return (
      <div className="space-y-4">
        <p className="text-sm text-rose-800">
          {pausedReason === null ? t("paused") : t("pausedBecause", { reason: t(`pausedReasons.${pausedReason}`) })}
        </p>
        {statusPanel}
      </div>
    );
  }

  /** What every input shares: its label and message wiring, its value, and its handlers. */
  function inputProps(name: "recipient" | "amount" | "memo") {
    const field = form.field(name);
    return {
      id: `${id}-${name}`,
      name,
      ref: field.ref,
      className: inputClass,
      autoComplete: "off",
      value: field.value,
      "aria-invalid": field.problem !== undefined,
      "aria-describedby": `${id}-${name}-message`,
      onChange: (event: React.ChangeEvent<HTMLInputElement>) => field.onChange(event.target.value),
      onBlur: field.onBlur,
    };
  }
  const memo = form.field("memo");
  const problemOf = (name: "recipient" | "amount" | "memo") => {
    const problem = form.field(name).problem;
    return problem === undefined ? undefined : say(problem);
  };

  return (
    <form
      noValidate
      onSubmit={(event) => void form.submit(event)}
      className="space-y-4"
      aria-describedby={`${id}-status`}
    >
      <Field
        id={`${id}-recipient`}
        label={t("recipientLabel")}
        error={problemOf("recipient")}
        hint={<PayeeName publicKey={form.field("recipient").value} fallback={t("recipientHint")} />}
      >
        <div className="flex gap-2">
          <input {...inputProps("recipient")} className={`${inputClass} min-w-0 flex-1 font-mono`} spellCheck={false} />
          <ContactPicker onPick={(publicKey) => form.field("recipient").onChange(publicKey)} />
        </div>
      </Field>
      <Field
        id={`${id}-amount`}
        label={t("amountLabel", { currency: currency.code })}
        error={problemOf("amount")}
        hint={balanceMinor === null ? " " : t("available", { balance: format.amount(balanceMinor, currency) })}
      >
        <input
          {...inputProps("amount")}
          inputMode="decimal"
          placeholder={currency.decimals === 0 ? "0" : `0.${"0".repeat(currency.decimals)}`}
        />
      </Field>
      <Field
        id={`${id}-memo`}
        label={t("memoLabel")}
        error={problemOf("memo")}
        hint={t("memoCount", { count: [...memo.value].length, max: memoCodePointsMax })}
      >
        <input {...inputProps("memo")} />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button
          type="submit"
          isBusy={isSending}
          className="min-w-32"
          disabled={needsNodeReason !== null}
          aria-describedby={needsNodeReason === null ? undefined : `${id}-needs-node`}
        >
          {isSending ? t("sending") : t("pay")}
        </Button>
        {needsNodeReason !== null && (
          <p id={`${id}-needs-node`} className="text-sm text-slate-700">
            {needsNodeReason}
          </p>
        )}
        {status.kind === "unsent" && (
          <Button variant="secondary" onClick={() => void form.retry(status.entry, "sendingAgain")}>
            {t("retry")}
          </Button>
        )}
      </div>
      {statusPanel}
    </form>
  );
}
