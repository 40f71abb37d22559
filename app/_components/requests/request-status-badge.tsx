"use client";
// A request's state in a word: waiting for payment, paid, or expired.
import { useTranslations } from "next-intl";

export type RequestState = "waiting" | "paid" | "expired";

const tones: Record<RequestState, string> = {
  waiting: "bg-amber-100 text-amber-950",
  paid: "bg-emerald-100 text-emerald-950",
  expired: "bg-slate-200 text-slate-800",
};

export function RequestStatusBadge({ state }: { state: RequestState }) {
  const t = useTranslations("requests.status");
  return (
    <span className={`inline-flex rounded-full px-2.5 py-0.5 text-xs font-semibold ${tones[state]}`}>{t(state)}</span>
  );
}

/** Paid wins over expired: a payment that came in time stays paid. */
export function requestStateOf(input: { isPaid: boolean; expiresAt: number | null; nowMs: number }): RequestState {
  if (input.isPaid) return "paid";
  if (input.expiresAt !== null && input.expiresAt * 1000 <= input.nowMs) return "expired";
  return "waiting";
}
