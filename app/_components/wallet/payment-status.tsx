"use client";
// What became of the last payment: sending, paid (with its receipt), refused, or not confirmed yet.
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
