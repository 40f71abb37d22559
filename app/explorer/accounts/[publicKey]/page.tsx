// An account: its balance, its balance over the page's transactions, and its history, newest first, paged with
// the API's opaque cursor. The balance chart walks down from a balance known to hold after the page's newest
// entry: the current one on the newest page (read as of one moment with the history), and on an older page the
// one the newer page carried down in its "Older →" link (authenticated, lib/server/explorer/balance-carry.ts).
import type { PageProps } from "@/app/_lib/page-props";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getFormat } from "@/app/_components/i18n/get-format";
import { balanceOverTime } from "@/lib/explorer/balance-over-time";
import { hex64Pattern } from "@/lib/ledger/hex";
import { pageLimitDefault } from "@/lib/ledger/limits";
import { adminPageNode } from "@/app/_lib/require-admin-page";
import { readBalanceCarry, signBalanceCarry } from "@/lib/server/explorer/balance-carry";
import { readAccountSnapshot } from "@/lib/server/explorer/read-account-snapshot";
import { Card } from "../../../_components/ui";
import { AccountBalanceChart } from "./account-balance-chart";
import { AccountHistory } from "./account-history";
import { accountHref } from "../../../_components/entities/entity-links";
import { AccountWebhooksLink } from "../../webhooks/_components/webhook-links";

export const dynamic = "force-dynamic";

const cursorPattern = /^[1-9][0-9]{0,15}$/;

type Search = { before?: string; balance?: string };

export default async function AccountPage(props: PageProps<{ publicKey: string }, Search>) {
  const node = await adminPageNode();
  const [{ publicKey }, { before, balance: carried }] = await Promise.all([props.params, props.searchParams]);
  if (!hex64Pattern.test(publicKey)) notFound();
  const cursor = before !== undefined && cursorPattern.test(before) ? Number(before) : undefined;
  const [page, t, format] = await Promise.all([
    readAccountSnapshot(node, publicKey, pageLimitDefault, cursor),
    getTranslations("explorer.account"),
    getFormat(),
  ]);
  const isNode = publicKey === node.nodePublicKey;
  // The balance after this page's newest entry, when it is known exactly; null draws no chart.
  const balanceAfterNewest =
    cursor === undefined
      ? page.isSnapshot
        ? BigInt(page.balance)
        : null
      : readBalanceCarry(node, publicKey, cursor, typeof carried === "string" ? carried : undefined);
  const walk =
    balanceAfterNewest === null || page.transactions.length === 0
      ? null
      : balanceOverTime(publicKey, balanceAfterNewest, page.transactions);
  const olderHref =
    page.nextBefore === null
      ? null
      : `${accountHref(publicKey)}?before=${page.nextBefore}${
          walk === null
            ? ""
            : `&balance=${signBalanceCarry(node, publicKey, Number(page.nextBefore), walk.balanceBeforeOldestMinor)}`
        }`;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t("heading")}</h1>
      <Card className="space-y-3">
        <p className="break-all font-mono text-sm">{publicKey}</p>
        {isNode && <p className="text-sm text-slate-600">{t("nodeKey")}</p>}
        <p>
          <span className="text-sm text-slate-600">{t("balance")} </span>
          <span className="text-2xl font-semibold tabular-nums" data-testid="account-balance">
            {format.amount(page.balance, node.config.currency)}
          </span>
        </p>
        <p className="flex flex-wrap gap-4 text-sm font-medium">
          <a
            href={`/api/admin/export?kind=account&account=${publicKey}&format=json`}
            className="text-indigo-700 hover:underline"
          >
            {t("statementJson")}
          </a>
          <a
            href={`/api/admin/export?kind=account&account=${publicKey}&format=csv`}
            className="text-indigo-700 hover:underline"
          >
            {t("statementCsv")}
          </a>
          <AccountWebhooksLink publicKey={publicKey} />
        </p>
      </Card>
      {page.transactions.length > 0 && (
        <Card labelledBy="balance-chart-heading">
          <h2 id="balance-chart-heading" className="sr-only">
            {t("balanceChartHeading")}
          </h2>
          {walk === null ? (
            <p className="text-sm text-slate-600">{t("balanceChartUnknown")}</p>
          ) : (
            <AccountBalanceChart walk={walk} currency={node.config.currency} isOlderPage={cursor !== undefined} />
          )}
        </Card>
      )}
      <Card labelledBy="history-heading">
        <h2 id="history-heading" className="mb-3 text-lg font-semibold">
          {t("historyHeading")}
        </h2>
        {page.transactions.length === 0 ? (
          <p className="text-sm text-slate-600">{cursor === undefined ? t("noTransactions") : t("noOlder")}</p>
        ) : (
          <AccountHistory publicKey={publicKey} entries={page.transactions} currency={node.config.currency} />
        )}
        <nav aria-label={t("pagesLabel")} className="mt-4 flex justify-between text-sm font-medium">
          {cursor === undefined ? (
            <span />
          ) : (
            <Link href={accountHref(publicKey)} className="text-indigo-700 hover:underline">
              {t("newest")}
            </Link>
          )}
          {olderHref !== null && (
            <Link href={olderHref} className="text-indigo-700 hover:underline">
              {t("older")}
            </Link>
          )}
        </nav>
      </Card>
    </>
  );
}
