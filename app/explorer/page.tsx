// /explorer: the chain's figures, charts, and the newest blocks (live), paged by height down to genesis.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getFormat } from "@/app/_components/i18n/get-format";
import { adminPageNode } from "@/app/_lib/require-admin-page";
import { listBlocks } from "@/lib/server/blocks/list-blocks";
import { readChainFigures } from "@/lib/server/explorer/read-chain-figures";
import { readChartSeries } from "@/lib/server/explorer/read-chart-series";
import { readRecentBlocks } from "@/lib/server/explorer/read-recent-blocks";
import { pageLimitDefault } from "@/lib/ledger/limits";
import { Card } from "../_components/ui";
import { ActivityCharts } from "./_components/charts/activity-charts";
import { LiveBlocks } from "./_components/live-blocks";

export const dynamic = "force-dynamic";

const beforePattern = /^[1-9][0-9]{0,14}$/;

export default async function ExplorerHome({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const node = await adminPageNode();
  const { before: beforeText } = await searchParams;
  const before = beforeText !== undefined && beforePattern.test(beforeText) ? Number(beforeText) : undefined;
  const head = (await node.store.head())!.header.height;
  const recent = await readRecentBlocks(node);
  const [figures, charts, page, t, format] = await Promise.all([
    readChainFigures(node, recent),
    readChartSeries(node, recent),
    listBlocks(node, pageLimitDefault, before !== undefined && before <= head + 1 ? before : undefined),
    getTranslations("explorer.home"),
    getFormat(),
  ]);
  const rate = new Intl.NumberFormat(format.intlLocale, { maximumFractionDigits: 1 });
  const stats: { label: string; value: string; span?: string }[] = [
    { label: t("figures.height"), value: format.number(figures.height) },
    { label: t("figures.transactions"), value: format.number(figures.transactions) },
    // A supply runs to many digits: its tile is two columns wide at every width rather than overflow one.
    {
      label: t("figures.totalSupply"),
      value: format.amount(figures.totalSupplyMinor, node.config.currency),
      span: "col-span-2",
    },
    { label: t("figures.accounts"), value: format.number(figures.accounts), span: "sm:col-span-2 lg:col-span-1" },
    {
      label: t("figures.paymentsPerSecond"),
      value: rate.format(figures.paymentsPerSecondLastMinute),
      span: "sm:col-span-2 lg:col-span-1",
    },
  ];
  const isFirstPage = before === undefined;
  return (
    <>
      <h1 className="break-all text-2xl font-semibold tracking-tight">{t("heading", { chainId: node.chainId })}</h1>
      {/* Six columns on a wide screen, four on a tablet, two on a phone: each row of tiles comes out full. */}
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-6">
        {stats.map((stat) => (
          <div
            key={stat.label}
            className={`min-w-0 rounded-xl border border-slate-200 bg-white p-4 ${stat.span ?? ""}`}
          >
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{stat.label}</dt>
            <dd className="mt-1 break-words text-lg font-semibold tabular-nums text-slate-900 sm:text-xl">
              {stat.value}
            </dd>
          </div>
        ))}
      </dl>
      <Card labelledBy="charts-heading" className="grid gap-6 lg:grid-cols-2">
        <h2 id="charts-heading" className="sr-only">
          {t("chartsHeading")}
        </h2>
        <ActivityCharts series={charts} />
      </Card>
      <Card labelledBy="blocks-heading">
        <div className="mb-3 flex items-baseline justify-between">
          <h2 id="blocks-heading" className="text-lg font-semibold">
            {isFirstPage ? t("newestBlocks") : t("blocksBefore", { height: String(before) })}
          </h2>
          {isFirstPage && <span className="text-xs text-emerald-700">{t("live")}</span>}
        </div>
        <LiveBlocks key={before ?? "live"} initialBlocks={page.blocks} isLive={isFirstPage} />
        <nav aria-label={t("pagesLabel")} className="mt-4 flex justify-between text-sm font-medium">
          {isFirstPage ? (
            <span />
          ) : (
            <Link href="/explorer" className="text-indigo-700 hover:underline">
              {t("newest")}
            </Link>
          )}
          {page.nextBefore !== null && (
            <Link href={`/explorer?before=${page.nextBefore}`} className="text-indigo-700 hover:underline">
              {t("older")}
            </Link>
          )}
        </nav>
      </Card>
    </>
  );
}
