"use client";
// A request this browser made: what it asks, its link and QR code, and its state, "Waiting for payment" until a
// matching payment is recorded and then "Paid" (live, without a reload), with the receipt verified here and the
// payer, by contact name when known.
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { NodeInfo } from "@/lib/wallet/node-client";
import { formatRequestLink } from "@/lib/wallet/requests/request-link";
import { requestOf, type StoredRequest } from "@/lib/wallet/requests/request-store";
import { useFormat } from "../../i18n/use-format";
import { Preferences } from "../../preferences/preferences";
import { Card, Notice } from "../../ui";
import { RequestShare } from "../request-share";
import { useClock } from "../browser-state";
import { requestStateOf } from "../request-status-badge";
import { useRequest } from "../use-requests";
import { PaidPanel } from "./paid-panel";
import { useRequestPayment } from "./use-request-payment";

export function RequestView({ id, initialInfo }: { id: string; initialInfo: NodeInfo }) {
  const t = useTranslations("requests");
  const request = useRequest(id);

  return (
    <div className="mx-auto max-w-xl space-y-6 px-4 py-6 sm:py-10">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t("page.title")}</h1>
          <Link href="/" className="text-sm font-medium text-indigo-700 underline">
            {t("link.backToWallet")}
          </Link>
        </div>
        <Preferences />
      </header>
      <main className="space-y-6">
        {request === undefined ? (
          <div role="status" aria-label={t("page.loading")} className="h-64 animate-pulse rounded-2xl bg-slate-100" />
        ) : request === null ? (
          <Notice tone="warning" title={t("page.notFoundTitle")}>
            {t("page.notFoundBody")}
          </Notice>
        ) : (
          <RequestDetails request={request} info={initialInfo} />
        )}
      </main>
    </div>
  );
}

function RequestDetails({ request, info }: { request: StoredRequest; info: NodeInfo }) {
  const t = useTranslations("requests");
  const format = useFormat();
  const payment = useRequestPayment(request, info);
  // The expiry passes while the page is open: the clock ticks every few seconds. RequestDetails renders only in
  // the browser (the request comes from localStorage), so the clock is always there.
  const nowMs = useClock() ?? 0;
  const state = requestStateOf({ isPaid: payment.kind === "paid", expiresAt: request.expiresAt, nowMs });
  const link = formatRequestLink(window.location.origin, requestOf(request), request.currency, request.signature);

  return (
    <>
      <Card labelledBy="request-state-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="request-state-heading" className="text-lg font-semibold" aria-live="polite">
            {t(`status.${state}`)}
          </h2>
        </div>
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-600">{t("page.amount")}</dt>
          <dd className="font-semibold text-slate-900" data-testid="request-amount">
            {request.amountMinor === null ? t("panel.anyAmount") : format.amount(request.amountMinor, request.currency)}
          </dd>
          <dt className="text-slate-600">{t("page.memo")}</dt>
          <dd className="break-words text-slate-900">{request.memo === "" ? t("panel.noMemo") : request.memo}</dd>
          <dt className="text-slate-600">{t("page.made")}</dt>
          <dd className="text-slate-900">{format.dateTime(request.createdAt)}</dd>
          <dt className="text-slate-600">{t("page.expires")}</dt>
          <dd className="text-slate-900">
            {request.expiresAt === null
              ? t("page.never")
              : format.dateTime(new Date(request.expiresAt * 1000).toISOString())}
          </dd>
          <dt className="text-slate-600">{t("page.payee")}</dt>
          <dd className="font-mono text-xs break-all text-slate-900">{request.to}</dd>
        </dl>
        {payment.kind === "waiting" && state === "waiting" && (
          <p className="text-sm text-slate-600">{t("page.waitingBody")}</p>
        )}
        {payment.kind === "waiting" && state === "expired" && (
          <p className="text-sm text-slate-600">{t("page.expiredBody")}</p>
        )}
        {payment.kind === "waiting" && payment.isUnreachable && (
          <p className="text-sm text-amber-900">{t("page.unreachable")}</p>
        )}
      </Card>
      {payment.kind === "paid" ? (
        <PaidPanel receipt={payment.receipt} isVerified={payment.isVerified} currency={request.currency} />
      ) : (
        state === "waiting" && (
          <Card className="space-y-3">
            <RequestShare link={link} />
          </Card>
        )
      )}
    </>
  );
}
