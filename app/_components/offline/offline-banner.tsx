"use client";
// Says the wallet is offline, and that what it shows is what this browser saw last, as of when; that payments
// need the node. Rendered only offline, so only in the browser (the time is in the reader's zone and language).
import { useTranslations } from "next-intl";
import type { Currency } from "@/lib/ledger/types";
import { useFormat } from "../i18n/use-format";
import { Notice } from "../ui";

export function OfflineBanner({
  seenAt,
  balanceMinor,
  currency,
}: {
  seenAt: string | null;
  balanceMinor: bigint | null;
  currency: Currency;
}) {
  const t = useTranslations("offline.status");
  const format = useFormat();
  if (seenAt === null) {
    return (
      <Notice tone="warning" title={t("titleNever")}>
        {t("bodyNever")}
      </Notice>
    );
  }
  return (
    <Notice tone="warning" title={t("title", { time: format.dateTime(seenAt) })}>
      <p>{t("body")}</p>
      {balanceMinor !== null && (
        <p className="mt-1 font-medium">
          {t("lastSeenBalance")}: <span className="tabular-nums">{format.amount(balanceMinor, currency)}</span>
        </p>
      )}
    </Notice>
  );
}
