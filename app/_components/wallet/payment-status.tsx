"use client";
// What became of the last payment: sending, verifying its receipt, paid (once the receipt verifies), a receipt that
// does not verify, refused, or not confirmed yet.
import Link from "next/link";
import type { Currency } from "@/lib/ledger/types";
import { formatAmount, shortKey } from "@/lib/wallet/format";
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
  formProblem: string | null;
  currency: Currency;
}) {
  return (
    <div id={id} className="min-h-6" aria-live="polite">
      {formProblem !== null && (
        <Notice tone="danger" title="Not paid">
          {formProblem}
        </Notice>
      )}
      {status.kind === "sending" && <p className="text-sm text-slate-600">{status.what}</p>}
      {status.kind === "verifying" && <p className="text-sm text-slate-600">Sent, verifying the receipt…</p>}
      {status.kind === "unverified" && (
        <Notice tone="warning" title="The node's receipt does not verify">
          The node says it recorded this payment, but its receipt does not prove it under the node key this browser
          trusts ({status.failedChecks.join("; ")}). Do not count it as paid.
        </Notice>
      )}
      {status.kind === "unsent" && (
        <Notice tone="warning" title="Not confirmed yet">
          {status.message} Retrying sends this same signed payment, so it can never be paid twice.
        </Notice>
      )}
      {status.kind === "sent" && (
        <Notice tone="success" title={status.isRepeat ? "Already paid" : "Paid"}>
          {formatAmount(status.receipt.tx.amount, currency)} to{" "}
          <span className="font-mono">{shortKey(status.receipt.tx.to)}</span>, in block{" "}
          {status.receipt.block.header.height}.{" "}
          <Link className="font-medium underline" href={`/receipts/${status.receipt.txId}`}>
            View receipt
          </Link>
        </Notice>
      )}
    </div>
  );
}
