"use client";
// Whether a request has been paid, followed live: on every block of the node's event stream, the payee's history is
// read again and searched for a payment that matches the request (lib/wallet/requests/request-match.ts). The
// matching payment's receipt is then verified here, in the browser, against the node key this browser trusts;
// only then is the request remembered as paid.
import { useEffect, useRef, useState } from "react";
import { verifyWithWebCrypto } from "@/lib/ledger/ed25519";
import { verifyReceipt } from "@/lib/ledger/receipt";
import type { AccountEntry, Receipt } from "@/lib/ledger/types";
import { trustedNodeKey } from "@/lib/wallet/chain-watch";
import { coalesce, type Coalesced } from "@/lib/wallet/coalesce";
import { nodeClient, type NodeInfo } from "@/lib/wallet/node-client";
import { findPayment, mayHoldOlderPayments, paysRequest } from "@/lib/wallet/requests/request-match";
import { markRequestPaid, type StoredRequest } from "@/lib/wallet/requests/request-store";
import { receiptSchema } from "@/lib/validations/block";
import { useBlockEvents } from "../../use-block-events";

/** A new block's history is read at most four times a second. */
const checkIntervalMs = 250;
/** At most this many pages of the payee's history are read back to the request's time, each check. */
const historyPagesMax = 5;

export type RequestPayment =
  { kind: "waiting"; isUnreachable: boolean } | { kind: "paid"; receipt: Receipt; isVerified: boolean };

/** The payee's history back to the request's time (at most historyPagesMax pages), or null if the node did not answer. */
async function readHistorySince(request: StoredRequest): Promise<AccountEntry[] | null> {
  const entries: AccountEntry[] = [];
  let before: string | undefined;
  for (let page = 0; page < historyPagesMax; page++) {
    const result = await nodeClient.account(request.to, before);
    if (result.kind !== "ok") return null;
    entries.push(...result.body.transactions);
    if (result.body.nextBefore === null || !mayHoldOlderPayments(result.body.transactions, request)) break;
    before = result.body.nextBefore;
  }
  return entries;
}

export function useRequestPayment(request: StoredRequest | null, info: NodeInfo): RequestPayment {
  const [payment, setPayment] = useState<RequestPayment>({ kind: "waiting", isUnreachable: false });
  const checkerRef = useRef<Coalesced | null>(null);

  useEffect(() => {
    if (request === null) return;
    let isActive = true;
    let isDone = false;
    const checker = coalesce(async () => {
      if (isDone) return;
      let txId = request.paidTxId;
      if (txId === null) {
        const entries = await readHistorySince(request);
        if (!isActive) return;
        if (entries === null) {
          setPayment({ kind: "waiting", isUnreachable: true });
          return;
        }
        txId = findPayment(entries, request)?.txId ?? null;
        if (txId === null) {
          setPayment({ kind: "waiting", isUnreachable: false });
          return;
        }
      }
      const answer = await nodeClient.transaction(txId);
      if (!isActive) return;
      const parsed = answer.kind === "ok" ? receiptSchema.safeParse(answer.body.receipt) : null;
      if (parsed === null || !parsed.success) {
        setPayment({ kind: "waiting", isUnreachable: answer.kind !== "ok" });
        return;
      }
      const receipt = parsed.data;
      // The receipt must be for this very payment, and the payment must still match the request.
      const isMatch =
        receipt.txId === txId &&
        paysRequest({ txId, tx: receipt.tx, blockHeight: receipt.block.header.height, leafIndex: 0 }, request);
      const verification = await verifyReceipt(receipt, await trustedNodeKey(info), verifyWithWebCrypto);
      if (!isActive) return;
      const isVerified = isMatch && verification.ok;
      if (isVerified) markRequestPaid(request.id, txId);
      isDone = true;
      setPayment({ kind: "paid", receipt, isVerified });
    }, checkIntervalMs);
    checkerRef.current = checker;
    checker.trigger();
    return () => {
      isActive = false;
      checker.cancel();
      if (checkerRef.current === checker) checkerRef.current = null;
    };
  }, [request, info]);

  useBlockEvents(() => checkerRef.current?.trigger(), request !== null && payment.kind === "waiting");
  return payment;
}
