"use client";
// A receipt's witnessed state in one short badge: sealed (in a block the node signed), then witnessed by k of the
// policy's n witnesses; with `quorum none` the node's own checkpoint, said as "no witnesses".
import { useTranslations } from "next-intl";
import type { WitnessStatus } from "@/lib/wallet/witnessed/witnessed-status";

const tones = {
  sealed: "bg-slate-100 text-slate-700",
  witnessed: "bg-emerald-100 text-emerald-800",
  "node-alone": "bg-sky-100 text-sky-900",
  invalid: "bg-rose-100 text-rose-800",
} as const;

const symbols = { sealed: "○", witnessed: "✓", "node-alone": "✓", invalid: "✗" } as const;

export function WitnessBadge({ status }: { status: WitnessStatus }) {
  const t = useTranslations("wallet.witnessBadge");
  const label =
    status.kind === "witnessed"
      ? t("witnessed", { count: status.cosigners.length, total: status.witnessCount })
      : t(status.kind);
  return (
    <span
      data-testid="witness-badge"
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ${tones[status.kind]}`}
    >
      <span aria-hidden="true">{symbols[status.kind]}</span>
      {label}
    </span>
  );
}
