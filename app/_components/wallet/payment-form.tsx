"use client";
// The payment form: checks as the person types, signs in the browser, and never pays twice (see useOutbox).
import { useId } from "react";
import { memoCodePointsMax } from "@/lib/ledger/limits";
import { formatAmount } from "@/lib/wallet/format";
import { Button, Field, inputClass } from "../ui";
import { usePaymentForm, type PaymentFormInput } from "./hooks/use-payment-form";
import { PaymentStatus } from "./payment-status";

/**
 * `isPaused`: the wallet's audit raised an alarm; the form gives way to a notice, the last payment's status stays.
 * `pausedReason` names a warning of the witnessed log's watch, when that is why.
 */
export function PaymentForm({
  isPaused,
  pausedReason = null,
  ...props
}: PaymentFormInput & { isPaused: boolean; pausedReason?: string | null }) {
  const id = useId();
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
          {pausedReason === null
            ? "Payments are paused in this wallet until you have read the warning above."
            : `Payments are paused in this wallet: ${pausedReason}. The warning above says more.`}
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

  return (
    <form
      noValidate
      onSubmit={(event) => void form.submit(event)}
      className="space-y-4"
      aria-describedby={`${id}-status`}
    >
      <Field
        id={`${id}-recipient`}
        label="Pay to (account key)"
        error={form.field("recipient").problem}
        hint="Paste the 64-character key of the person you are paying."
      >
        <input {...inputProps("recipient")} className={`${inputClass} font-mono`} spellCheck={false} />
      </Field>
      <Field
        id={`${id}-amount`}
        label={`Amount (${currency.code})`}
        error={form.field("amount").problem}
        hint={balanceMinor === null ? " " : `Available: ${formatAmount(balanceMinor, currency)}`}
      >
        <input
          {...inputProps("amount")}
          inputMode="decimal"
          placeholder={currency.decimals === 0 ? "0" : `0.${"0".repeat(currency.decimals)}`}
        />
      </Field>
      <Field
        id={`${id}-memo`}
        label="Memo (optional)"
        error={memo.problem}
        hint={`${[...memo.value].length}/${memoCodePointsMax} characters`}
      >
        <input {...inputProps("memo")} />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" isBusy={isSending} className="min-w-32">
          {isSending ? "Sending…" : "Pay"}
        </Button>
        {status.kind === "unsent" && (
          <Button variant="secondary" onClick={() => void form.retry(status.entry, "Sending again…")}>
            Retry
          </Button>
        )}
      </div>
      {statusPanel}
    </form>
  );
}
