// The account page's balance chart: the balance after each transaction of the page, computed exactly from the
// balance after its newest entry (lib/explorer/balance-over-time.ts), with every text formatted here from the
// bigint figures in the page's language.
import { getTranslations } from "next-intl/server";
import { getFormat } from "@/app/_components/i18n/get-format";
import type { BalanceWalk } from "@/lib/explorer/balance-over-time";
import type { Currency } from "@/lib/ledger/types";
import { BalanceChart, type BalanceDot } from "../../_components/charts/balance-chart";

export async function AccountBalanceChart({
  walk,
  currency,
  isOlderPage,
}: {
  walk: BalanceWalk;
  currency: Currency;
  isOlderPage: boolean;
}) {
  const [t, format] = await Promise.all([getTranslations("explorer.balanceChart"), getFormat()]);
  // To the second, 24-hour and in UTC like the explorer's other times: transactions often come seconds apart.
  const timeFormat = new Intl.DateTimeFormat(format.intlLocale, {
    dateStyle: "medium",
    timeStyle: "medium",
    hourCycle: "h23",
    timeZone: "UTC",
  });
  const timeOf = (iso: string) => timeFormat.format(new Date(iso));
  const dots: BalanceDot[] = walk.points.map((point) => {
    const balance = format.amount(point.balanceAfterMinor, currency);
    const change = format.amount(point.changeMinor, currency, { signDisplay: "always" });
    const time = timeOf(point.timestamp);
    return {
      key: point.txId,
      timeMs: Date.parse(point.timestamp),
      // A float only places the line (in major units, so that the axis picks round ticks); every text above
      // comes from the exact bigint.
      value: Number(point.balanceAfterMinor) / 10 ** currency.decimals,
      name: time,
      lines: [t("balanceAfter", { amount: balance }), t("change", { amount: change })],
      cells: [time, change, balance],
    };
  });
  const count = walk.points.length;
  const summary = isOlderPage
    ? t("olderPageSummary", { count })
    : t("summary", { count, from: timeOf(walk.points[0]!.timestamp), to: timeOf(walk.points.at(-1)!.timestamp) });
  return (
    <BalanceChart
      currency={currency}
      dots={dots}
      text={{
        title: t("heading"),
        summary,
        xAxis: t("timeAxis"),
        yAxis: t("balanceAxis", { currency: currency.code }),
        keyboardHint: t("keyboardHint"),
        tableCaption: t("heading"),
        columns: [t("timeColumn"), t("changeColumn"), t("balanceColumn")],
      }}
    />
  );
}
