"use client";
// The payment form's state: what was typed, which fields were visited, the problems to show (checked with the
// route's own schemas as the person types, and the node's answer when it refuses), and the submit that signs.
import { useCallback, useRef, useState, type FormEvent } from "react";
import type { Currency } from "@/lib/ledger/types";
import type { StoredWallet } from "@/lib/wallet/keystore";
import type { BadReceipt } from "./use-node";
import type { WalletMessage } from "@/lib/wallet/wallet-message";
import { describePaymentError } from "@/lib/wallet/messages";
import {
  checkPaymentForm,
  paymentFieldProblem,
  paymentFormFields,
  type PaymentFormField,
  type PaymentFormProblems,
  type PaymentFormValues,
} from "@/lib/wallet/payment-form";
import { addToOutbox, signPayment } from "@/lib/wallet/payments";
import { useOutbox } from "./use-outbox";

const emptyValues: PaymentFormValues = { recipient: "", amount: "", memo: "" };

export type PaymentFormInput = {
  wallet: StoredWallet;
  chainId: string;
  currency: Currency;
  balanceMinor: bigint | null;
  /** The node key this browser trusts, for the receipt's check. */
  trustedNodeKey: () => Promise<string>;
  onPaid: () => void;
  onBadReceipt: (badReceipt: BadReceipt) => void;
};

export function usePaymentForm(input: PaymentFormInput) {
  const { wallet, chainId, currency, balanceMinor, onPaid } = input;
  const [values, setValues] = useState(emptyValues);
  const [touched, setTouched] = useState<Partial<Record<PaymentFormField, boolean>>>({});
  // Problems found on submit or named by the node; editing a field clears its own.
  const [reported, setReported] = useState<PaymentFormProblems>({});
  const [formProblem, setFormProblem] = useState<WalletMessage | null>(null);
  const inputRefs = useRef<Partial<Record<PaymentFormField, HTMLInputElement | null>>>({});
  const focus = useCallback((field: PaymentFormField) => inputRefs.current[field]?.focus(), []);
  const context = { ownKey: wallet.publicKey, currency, balanceMinor };

  const outbox = useOutbox(wallet.publicKey, {
    trustedNodeKey: input.trustedNodeKey,
    onBadReceipt: input.onBadReceipt,
    onSent: () => {
      setValues(emptyValues);
      setTouched({});
      setReported({});
      setFormProblem(null);
      onPaid();
    },
    onRefused: (error) => {
      // The node's answer replaces whatever the form had reported: it is the word that counts.
      const { field, message } = describePaymentError(error);
      if (field === "form") {
        setReported({});
        setFormProblem(message);
        return;
      }
      setReported({ [field]: message });
      focus(field);
    },
  });

  /** While typing, a field speaks up once it has something in it (the amount: once it was left, too). */
  const liveProblem = (field: PaymentFormField): WalletMessage | undefined => {
    const value = values[field];
    const isChecked = field === "amount" ? touched.amount === true && value !== "" : value !== "";
    return (isChecked ? paymentFieldProblem(field, value, context) : null) ?? undefined;
  };
  const problems: PaymentFormProblems = {
    recipient: liveProblem("recipient"),
    amount: liveProblem("amount"),
    memo: liveProblem("memo"),
    ...reported,
  };

  function field(name: PaymentFormField) {
    return {
      value: values[name],
      problem: problems[name],
      ref: (element: HTMLInputElement | null) => {
        inputRefs.current[name] = element;
      },
      onChange: (value: string) => {
        setValues((current) => ({ ...current, [name]: value }));
        setReported(({ [name]: _dropped, ...rest }) => rest);
        setFormProblem(null);
      },
      onBlur: () => setTouched((current) => ({ ...current, [name]: true })),
    };
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const check = checkPaymentForm(values, context);
    setTouched({ recipient: true, amount: true, memo: true });
    setFormProblem(null);
    if (check.problems !== null) {
      setReported(check.problems);
      const firstInvalid = paymentFormFields.find((name) => check.problems[name] !== undefined);
      if (firstInvalid !== undefined) focus(firstInvalid);
      return;
    }
    setReported({});
    const { draft } = check;
    const entry = await outbox.whileSigning(async () => {
      const signed = await signPayment({
        privateKey: wallet.privateKey,
        chainId,
        from: wallet.publicKey,
        to: draft.recipient,
        amountMinor: draft.amount,
        memo: draft.memo,
      });
      addToOutbox(wallet.publicKey, signed);
      return signed;
    });
    if (entry !== null) await outbox.send(entry, "signingAndSending");
  }

  return { field, formProblem, status: outbox.status, submit, retry: outbox.send };
}
