"use client";
// The payment form: checks as the person types, signs in the browser, and never pays twice. A payment is
// signed once and kept in an outbox until the node answers it; a retry or a reload resends that same payment.
import Link from "next/link";
import { useCallback, useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { parseMajorUnits } from "@/lib/ledger/amount";
import { isSmallOrderKey } from "@/lib/ledger/ed25519";
import { hex64Pattern } from "@/lib/ledger/hex";
import { memoCodePointsMax } from "@/lib/ledger/limits";
import { memoProblem } from "@/lib/ledger/transaction";
import type { Currency, Receipt } from "@/lib/ledger/types";
import { formatAmount, shortKey } from "@/lib/wallet/format";
import type { StoredWallet } from "@/lib/wallet/keystore";
import { describePaymentError, type PaymentField } from "@/lib/wallet/messages";
import { nodeClient } from "@/lib/wallet/node-client";
import { addToOutbox, readOutbox, removeFromOutbox, signPayment, type OutboxEntry } from "@/lib/wallet/payments";
import { Button, Field, inputClass, Notice } from "./ui";

type Errors = Partial<Record<PaymentField, string>>;
type Status =
  | { kind: "idle" }
  | { kind: "sending"; what: string }
  | { kind: "sent"; receipt: Receipt; isRepeat: boolean }
  | { kind: "unsent"; entry: OutboxEntry; message: string };

const amountDigitsMax = 16;

export function recipientProblem(recipient: string, ownKey: string): string | null {
  if (recipient === "") return "Enter the account key of the person you are paying.";
  if (!hex64Pattern.test(recipient)) {
    return /[^0-9a-f]/.test(recipient)
      ? "An account key has only the characters 0–9 and a–f."
      : `An account key is 64 characters long; this one has ${recipient.length}.`;
  }
  if (recipient === ownKey) return "This is your own account. Enter someone else's.";
  if (isSmallOrderKey(recipient))
    return "This is a weak key that anyone could spend from. Ask for the right account key.";
  return null;
}

export function amountProblem(text: string, currency: Currency, balanceMinor: bigint | null): string | null {
  if (text.trim() === "") return "Enter an amount.";
  const amountMinor = parseMajorUnits(text, currency.decimals);
  if (amountMinor === null) {
    return currency.decimals === 0
      ? "Enter a whole number, like 12."
      : `Enter an amount like 12.50, with at most ${currency.decimals} digits after the point.`;
  }
  if (amountMinor <= 0n) return "The amount must be more than zero.";
  if (amountMinor.toString().length > amountDigitsMax) return "This amount is too large.";
  if (balanceMinor !== null && amountMinor > balanceMinor)
    return `This is more than your balance of ${formatAmount(balanceMinor, currency)}.`;
  return null;
}

export function PaymentForm({
  wallet,
  chainId,
  currency,
  balanceMinor,
  onPaid,
}: {
  wallet: StoredWallet;
  chainId: string;
  currency: Currency;
  balanceMinor: bigint | null;
  onPaid: () => void;
}) {
  const id = useId();
  const [recipient, setRecipient] = useState("");
  const [amount, setAmount] = useState("");
  const [memo, setMemo] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [touched, setTouched] = useState<Partial<Record<PaymentField, boolean>>>({});
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  // A ref, not state: a double click arrives before React re-renders the disabled button.
  const isSendingRef = useRef(false);
  // The parent passes a new onPaid on every render; reading it through a ref keeps `send` stable, so that the
  // outbox below is resent once when the wallet opens, not again on every render while a payment is unsent.
  const onPaidRef = useRef(onPaid);
  useEffect(() => {
    onPaidRef.current = onPaid;
  }, [onPaid]);
  const recipientRef = useRef<HTMLInputElement>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const memoRef = useRef<HTMLInputElement>(null);
  const focusField = useCallback((field: Exclude<PaymentField, "form">) => {
    ({ recipient: recipientRef, amount: amountRef, memo: memoRef })[field].current?.focus();
  }, []);

  const normalisedRecipient = recipient.trim().toLowerCase();
  const liveErrors: Errors = {
    recipient:
      touched.recipient || recipient !== ""
        ? recipient === ""
          ? undefined
          : (recipientProblem(normalisedRecipient, wallet.publicKey) ?? undefined)
        : undefined,
    amount: touched.amount && amount !== "" ? (amountProblem(amount, currency, balanceMinor) ?? undefined) : undefined,
    memo: memoProblem(memo) ?? undefined,
  };
  const shownErrors: Errors = { ...liveErrors, ...errors };

  const send = useCallback(
    async (entry: OutboxEntry, what: string) => {
      if (isSendingRef.current) return;
      isSendingRef.current = true;
      setStatus({ kind: "sending", what });
      try {
        const result = await nodeClient.pay(entry.signed);
        if (result.kind === "ok") {
          removeFromOutbox(wallet.publicKey, entry.txId);
          setStatus({ kind: "sent", receipt: result.body.receipt, isRepeat: result.status === 200 });
          setRecipient("");
          setAmount("");
          setMemo("");
          setTouched({});
          setErrors({});
          onPaidRef.current();
        } else if (result.kind === "refused") {
          // Refused means not recorded: this signed payment will never be sent again.
          removeFromOutbox(wallet.publicKey, entry.txId);
          const { field, message } = describePaymentError(result.error);
          setErrors({ [field]: message });
          setStatus({ kind: "idle" });
          if (field !== "form") focusField(field);
        } else {
          setStatus({ kind: "unsent", entry, message: result.message });
        }
      } finally {
        isSendingRef.current = false;
      }
    },
    [wallet.publicKey, focusField],
  );

  // A payment interrupted by a reload or a lost connection is resent as it was signed, exactly once recorded.
  useEffect(() => {
    const [pending] = readOutbox(wallet.publicKey);
    if (pending !== undefined) void send(pending, "Resending a payment that was interrupted…");
  }, [wallet.publicKey, send]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isSendingRef.current) return;
    const found: Errors = {};
    const recipientError = recipientProblem(normalisedRecipient, wallet.publicKey);
    const amountError = amountProblem(amount, currency, balanceMinor);
    const memoError = memoProblem(memo);
    if (recipientError !== null) found.recipient = recipientError;
    if (amountError !== null) found.amount = amountError;
    if (memoError !== null) found.memo = memoError;
    setTouched({ recipient: true, amount: true, memo: true });
    setErrors(found);
    const firstInvalid = (["recipient", "amount", "memo"] as const).find((field) => found[field] !== undefined);
    if (firstInvalid !== undefined) {
      focusField(firstInvalid);
      return;
    }
    isSendingRef.current = true;
    let entry: OutboxEntry;
    try {
      entry = await signPayment({
        privateKey: wallet.privateKey,
        chainId,
        from: wallet.publicKey,
        to: normalisedRecipient,
        amountMinor: parseMajorUnits(amount, currency.decimals)!,
        memo,
      });
      addToOutbox(wallet.publicKey, entry);
    } finally {
      isSendingRef.current = false;
    }
    await send(entry, "Signing and sending…");
  }

  const isSending = status.kind === "sending";
  const memoLength = [...memo].length;
  /** What every field of the form shares: its label and message wiring, and that editing it clears its error. */
  const inputProps = (field: Exclude<PaymentField, "form">, value: string, setValue: (next: string) => void) => ({
    id: `${id}-${field}`,
    name: field,
    className: inputClass,
    autoComplete: "off",
    value,
    "aria-invalid": shownErrors[field] !== undefined,
    "aria-describedby": `${id}-${field}-message`,
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      setValue(event.target.value);
      setErrors(({ [field]: _dropped, ...rest }) => rest);
    },
    onBlur: () => setTouched((touchedFields) => ({ ...touchedFields, [field]: true })),
  });

  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)} className="space-y-4" aria-describedby={`${id}-status`}>
      <Field
        id={`${id}-recipient`}
        label="Pay to (account key)"
        error={shownErrors.recipient}
        hint="Paste the 64-character key of the person you are paying."
      >
        <input
          ref={recipientRef}
          {...inputProps("recipient", recipient, setRecipient)}
          className={`${inputClass} font-mono`}
          spellCheck={false}
        />
      </Field>
      <Field
        id={`${id}-amount`}
        label={`Amount (${currency.code})`}
        error={shownErrors.amount}
        hint={balanceMinor === null ? " " : `Available: ${formatAmount(balanceMinor, currency)}`}
      >
        <input
          ref={amountRef}
          {...inputProps("amount", amount, setAmount)}
          inputMode="decimal"
          placeholder={currency.decimals === 0 ? "0" : `0.${"0".repeat(currency.decimals)}`}
        />
      </Field>
      <Field
        id={`${id}-memo`}
        label="Memo (optional)"
        error={shownErrors.memo}
        hint={`${memoLength}/${memoCodePointsMax} characters`}
      >
        <input ref={memoRef} {...inputProps("memo", memo, setMemo)} />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" isBusy={isSending} className="min-w-32">
          {isSending ? "Sending…" : "Pay"}
        </Button>
        {status.kind === "unsent" && (
          <Button variant="secondary" onClick={() => void send(status.entry, "Sending again…")}>
            Retry
          </Button>
        )}
      </div>
      <div id={`${id}-status`} className="min-h-6" aria-live="polite">
        {shownErrors.form !== undefined && (
          <Notice tone="danger" title="Not paid">
            {shownErrors.form}
          </Notice>
        )}
        {status.kind === "sending" && <p className="text-sm text-slate-600">{status.what}</p>}
        {status.kind === "unsent" && (
          <Notice tone="warning" title="Not confirmed yet">
            {status.message} Retrying sends this same signed payment, so it can never be paid twice.
          </Notice>
        )}
        {status.kind === "sent" && (
          <Notice tone="success" title={status.isRepeat ? "Already paid" : "Paid"}>
            {formatAmount(status.receipt.tx.amount, currency)} to {shortKey(status.receipt.tx.to)}, in block{" "}
            {status.receipt.block.header.height}.{" "}
            <Link className="font-medium underline" href={`/receipts/${status.receipt.txId}`}>
              View receipt
            </Link>
          </Notice>
        )}
      </div>
    </form>
  );
}
