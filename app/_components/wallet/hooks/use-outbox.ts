"use client";
// Sending signed payments so that none is ever paid twice: a payment is signed once and kept in the outbox
// until the node answers it; a retry, or a reload, resends that same signed payment, and the node answers a
// repeat with the receipt it already holds. The node's answer is not taken on its word: "Paid" is said only once
// its receipt verifies under the node key this browser trusts.
import { useCallback, useEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import type { ErrorBody } from "@/lib/ledger/errors";
import type { Receipt } from "@/lib/ledger/types";
import { nodeClient } from "@/lib/wallet/node-client";
import { rememberReceipt } from "@/lib/wallet/witnessed/receipt-store";
import { readOutbox, removeFromOutbox, verifyPaymentReceipt, type OutboxEntry } from "@/lib/wallet/payments";
import type { WalletMessage } from "@/lib/wallet/wallet-message";
import type { BadReceipt } from "./use-node";

/** What the wallet is doing while it sends, said by the status panel (wallet.paymentStatus.<what>). */
export type SendingWhat = "signingAndSending" | "resendingInterrupted" | "sendingAgain";

export type SendStatus =
  | { kind: "idle" }
  | { kind: "sending"; what: SendingWhat }
  /** The node answered; its receipt is being checked. */
  | { kind: "verifying"; entry: OutboxEntry }
  | { kind: "sent"; receipt: Receipt; isRepeat: boolean }
  /** The node answered with a receipt that does not verify: not "Paid". */
  | { kind: "unverified"; entry: OutboxEntry; failedChecks: string[] }
  | { kind: "unsent"; entry: OutboxEntry; problem: WalletMessage };

export type OutboxHandlers = {
  /** The node key this browser trusts (pinned at first use), to verify receipts under. */
  trustedNodeKey: () => Promise<string>;
  onSent: () => void;
  onRefused: (error: ErrorBody["error"]) => void;
  onBadReceipt: (badReceipt: BadReceipt) => void;
};

export function useOutbox(publicKey: string, handlers: OutboxHandlers) {
  const [status, setStatus] = useState<SendStatus>({ kind: "idle" });
  // A ref, not state: a double click arrives before React re-renders the disabled button.
  const isSendingRef = useRef(false);
  // The caller passes new handlers on every render; reading them through a ref keeps `send` stable, so that the
  // outbox is resent once when the wallet opens, not again on every render while a payment is unsent.
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  }, [handlers]);

  const send = useCallback(
    async (entry: OutboxEntry, what: SendingWhat) => {
      if (isSendingRef.current) return;
      isSendingRef.current = true;
      setStatus({ kind: "sending", what });
      try {
        const result = await nodeClient.pay(entry.signed);
        if (result.kind === "ok") {
          // Answered: this signed payment is not sent again, whatever the receipt's verdict.
          removeFromOutbox(publicKey, entry.txId);
          // Rendered now, not batched with the verdict that follows a few milliseconds later: the person (and a
          // screen reader) hears that the payment is sent and its proof is being checked, before "Paid".
          flushSync(() => setStatus({ kind: "verifying", entry }));
          const { receipt } = result.body;
          const verification = await verifyPaymentReceipt(entry, receipt, handlersRef.current.trustedNodeKey);
          if (verification.ok) {
            // Kept with the payment: the witnessed receipt that follows must carry this very receipt.
            rememberReceipt(receipt);
            setStatus({ kind: "sent", receipt, isRepeat: result.status === 200 });
            handlersRef.current.onSent();
          } else {
            const failedChecks = verification.checks.filter((check) => !check.ok).map((check) => check.name);
            setStatus({ kind: "unverified", entry, failedChecks });
            handlersRef.current.onBadReceipt({ txId: entry.txId, failedChecks });
          }
        } else if (result.kind === "refused") {
          // Refused means not recorded: this signed payment will never be sent again.
          removeFromOutbox(publicKey, entry.txId);
          setStatus({ kind: "idle" });
          handlersRef.current.onRefused(result.error);
        } else {
          setStatus({ kind: "unsent", entry, problem: result.problem });
        }
      } finally {
        isSendingRef.current = false;
      }
    },
    [publicKey],
  );

  // A payment interrupted by a reload or a lost connection is resent as it was signed, exactly once recorded.
  useEffect(() => {
    const [pending] = readOutbox(publicKey);
    if (pending !== undefined) void send(pending, "resendingInterrupted");
  }, [publicKey, send]);

  /** Signing takes a moment; while it runs, a second submit must not sign a second payment. */
  const whileSigning = useCallback(async <T>(sign: () => Promise<T>): Promise<T | null> => {
    if (isSendingRef.current) return null;
    isSendingRef.current = true;
    try {
      return await sign();
    } finally {
      isSendingRef.current = false;
    }
  }, []);

  return { status, send, whileSigning };
}
