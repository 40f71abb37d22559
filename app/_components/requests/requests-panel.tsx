"use client";
// The wallet's payment requests card: the "Request payment" button and the requests this browser made for the active
// account, newest first, each marked paid as soon as a matching payment shows in the account's history.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { AccountEntry, Currency } from "@/lib/ledger/types";
import type { StoredWallet } from "@/lib/wallet/keystore";
import { findPayment } from "@/lib/wallet/requests/request-match";
import { useFormat } from "../i18n/use-format";
import { Button, Card } from "../ui";
import { RequestDialog } from "./request-dialog";
import { RequestStatusBadge, requestStateOf } from "./request-status-badge";
import { useClock } from "./browser-state";
import { useRequests } from "./use-requests";

/** The wallet lists this many of the newest requests; each request's own page shows the rest of its story. */
const listedRequestsMax = 10;

export function RequestsPanel({
  wallet,
  currency,
  entries,
}: {
  wallet: StoredWallet;
  currency: Currency;
  entries: readonly AccountEntry[] | null;
}) {
  const t = useTranslations("requests.panel");
  const format = useFormat();
  const requests = useRequests(wallet.publicKey);
  const [isDialogOpen, setIsDialogOpen] = useState(false);
  const nowMs = useClock();

  return (
    <Card labelledBy="requests-heading" className="space-y-4">
      <h2 id="requests-heading" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <Button onClick={() => setIsDialogOpen(true)}>{t("requestButton")}</Button>
      {requests === null || nowMs === null ? (
        <div className="h-16 animate-pulse rounded-lg bg-slate-100" />
      ) : requests.length === 0 ? (
        <p className="text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <ul aria-label={t("listLabel")} className="divide-y divide-slate-200">
          {requests.slice(0, listedRequestsMax).map((request) => {
            const isPaid =
              request.paidTxId !== null || (entries !== null && findPayment(entries, request) !== undefined);
            return (
              <li key={request.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">
                    {request.amountMinor === null
                      ? t("anyAmount")
                      : format.amount(request.amountMinor, request.currency)}
                  </p>
                  <p className="truncate text-sm text-slate-600">{request.memo === "" ? t("noMemo") : request.memo}</p>
                  <p className="text-xs text-slate-600">
                    {t("made", { time: format.relative(request.createdAt, nowMs) })}
                  </p>
                </div>
                <div className="flex items-center gap-3">
                  <RequestStatusBadge state={requestStateOf({ isPaid, expiresAt: request.expiresAt, nowMs })} />
                  <Link href={`/requests/${request.id}`} className="text-sm font-medium text-indigo-700 underline">
                    {t("open")}
                    <span className="sr-only">: {request.memo}</span>
                  </Link>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <RequestDialog isOpen={isDialogOpen} onClose={() => setIsDialogOpen(false)} wallet={wallet} currency={currency} />
    </Card>
  );
}
