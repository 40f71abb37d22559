"use client";
// Paying a request: the payment the request fixes (payee, memo, and the amount unless it is open), signed in the
// browser and sent through the wallet's outbox, so that a retry or a reload never pays twice. The node's chain is
// audited as in the wallet, and a payment is not offered while that audit raises an alarm.
import { useState, type FormEvent } from "react";
import { describePaymentError } from "@/lib/wallet/messages";
import { trustedNodeKey } from "@/lib/wallet/chain-watch";
import type { StoredWallet } from "@/lib/wallet/keystore";
import type { WalletMessage } from "@/lib/wallet/wallet-message";
import type { NodeInfo } from "@/lib/wallet/node-client";
import { addToOutbox, signPayment } from "@/lib/wallet/payments";
import { checkRequestAmount, type AmountProblem } from "@/lib/wallet/requests/request-amount";
import type { PaymentRequest } from "@/lib/wallet/requests/request-link";
import { useBlockEvents } from "../../use-block-events";
import { useAccount } from "../../wallet/hooks/use-account";
import { useNode } from "../../wallet/hooks/use-node";
import { useOutbox } from "../../wallet/hooks/use-outbox";

export function useLockedPayment(input: { initialInfo: NodeInfo; request: PaymentRequest; wallet: StoredWallet }) {
  const { request, wallet } = input;
  const node = useNode(input.initialInfo);
  const { info } = node;
  const account = useAccount(wallet.publicKey);
  const [amountText, setAmountText] = useState("");
  const [isSubmitted, setIsSubmitted] = useState(false);
  // The node's refusal, said by the wallet's status panel; the request's own problem (it expired), by this form.
  const [formProblem, setFormProblem] = useState<WalletMessage | null>(null);
  const [isExpiredNow, setIsExpiredNow] = useState(false);
  const [isPaid, setIsPaid] = useState(false);

  useBlockEvents((block) => {
    node.onBlock(block);
    account.refresh();
  });

  const outbox = useOutbox(wallet.publicKey, {
    trustedNodeKey: () => trustedNodeKey(info),
    onBadReceipt: node.reportBadReceipt,
    onSent: () => {
      setIsPaid(true);
      account.refresh();
    },
    onRefused: (error) => setFormProblem(describePaymentError(error).message),
  });

  const amountCheck =
    request.amountMinor === null
      ? checkRequestAmount(amountText, info.currency, account.balanceMinor)
      : request.amountMinor > (account.balanceMinor ?? request.amountMinor)
        ? ({ ok: false, problem: "overBalance" } as const)
        : ({ ok: true, amountMinor: request.amountMinor } as const);
  const amountProblem: AmountProblem | null =
    amountCheck.ok || (!isSubmitted && request.amountMinor === null && amountText === "") ? null : amountCheck.problem;
  const isOwnRequest = request.to === wallet.publicKey;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsSubmitted(true);
    setFormProblem(null);
    if (request.expiresAt !== null && request.expiresAt * 1000 <= Date.now()) {
      setIsExpiredNow(true);
      return;
    }
    if (!amountCheck.ok || isOwnRequest || node.isAlarm) return;
    const { amountMinor } = amountCheck;
    const entry = await outbox.whileSigning(async () => {
      const signed = await signPayment({
        privateKey: wallet.privateKey,
        chainId: info.chainId,
        from: wallet.publicKey,
        to: request.to,
        amountMinor,
        memo: request.memo,
      });
      addToOutbox(wallet.publicKey, signed);
      return signed;
    });
    if (entry !== null) await outbox.send(entry, "signingAndSending");
  }

  return {
    info,
    isAlarm: node.isAlarm,
    balanceMinor: account.balanceMinor,
    amountText,
    setAmountText,
    amountProblem,
    formProblem,
    isExpiredNow,
    isOwnRequest,
    isPaid,
    status: outbox.status,
    retry: outbox.send,
    submit,
  };
}
