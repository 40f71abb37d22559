// The explorer home's two charts, transactions per block and per minute, with every text formatted here on the
// server in the page's language, so that the client charts only draw.
import { getTranslations } from "next-intl/server";
import { getFormat } from "@/app/_components/i18n/get-format";
import type { ChartSeries } from "@/lib/server/explorer/read-chart-series";
import { ActivityChart, type ActivityBar } from "./activity-chart";
import { fromFirstBusyMinute } from "./busy-minutes";

export async function ActivityCharts({ series }: { series: ChartSeries }) {
  const [t, format] = await Promise.all([getTranslations("explorer.charts"), getFormat()]);
  // Minutes are the server's, in UTC: 24-hour "09:41" in every language, so the axis stays short on a phone.
  const minuteFormat = new Intl.DateTimeFormat(format.intlLocale, {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: "UTC",
  });
  const count = (value: number) => t("transactionCount", { count: value });
  const blockBars: ActivityBar[] = series.perBlock.map((block) => ({
    tick: String(block.height),
    name: t("blockPoint", { height: String(block.height) }),
    value: block.txCount,
    lines: [count(block.txCount)],
  }));
  const minuteBars: ActivityBar[] = fromFirstBusyMinute(series.perMinute).map((minute) => {
    const time = minuteFormat.format(new Date(minute.minuteStart));
    return { tick: time, name: t("minutePoint", { time }), value: minute.txCount, lines: [count(minute.txCount)] };
  });
  const totalOf = (bars: ActivityBar[]) => bars.reduce((sum, bar) => sum + bar.value, 0);
  const maxOf = (bars: ActivityBar[]) => bars.reduce((max, bar) => Math.max(max, bar.value), 0);
  const perBlockTitle = t("perBlockTitle", { count: blockBars.length });
  const perMinuteTitle = t("perMinuteTitle", { count: minuteBars.length });
  return (
    <>
      <ActivityChart
        testId="chart-per-block"
        bars={blockBars}
        text={{
          title: perBlockTitle,
          summary: t("perBlockSummary", { total: totalOf(blockBars), max: maxOf(blockBars) }),
          xAxis: t("blockAxis"),
          yAxis: t("transactionsAxis"),
          keyboardHint: t("keyboardHint"),
          tableCaption: t("tableLabel", { title: perBlockTitle }),
          columns: [t("blockColumn"), t("transactionsColumn")],
        }}
      />
      <ActivityChart
        testId="chart-per-minute"
        bars={minuteBars}
        text={{
          title: perMinuteTitle,
          summary: t("perMinuteSummary", { total: totalOf(minuteBars), max: maxOf(minuteBars) }),
          xAxis: t("minuteAxis"),
          yAxis: t("transactionsAxis"),
          keyboardHint: t("keyboardHint"),
          tableCaption: t("tableLabel", { title: perMinuteTitle }),
          columns: [t("minuteColumn"), t("transactionsColumn")],
        }}
      />
    </>
  );
}
