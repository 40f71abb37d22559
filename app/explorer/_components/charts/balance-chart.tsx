"use client";
// An account's balance after each transaction of the page, as a step line over time: axes with their labels, the
// balance and the change on hover and on keyboard focus, and the figures as a table for screen readers. The
// tooltip's and the table's texts come from the server, formatted from the exact bigint balances; the numbers here
// only place the line, and the axis ticks (round values between the figures) are formatted here in the page's
// locale, in UTC like the rest of the explorer's times.
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { Currency } from "@/lib/ledger/types";
import { usePageFormat } from "../use-page-format";
import { ChartFrame, plotProps, xAxisLabel, yAxisLabel, type ChartText } from "./chart-frame";
import { ChartTooltip, type TooltipLines } from "./chart-tooltip";
import { distinctTicks } from "./distinct-ticks";

/** One point: its time (ms since the epoch), the balance in major units as a float for drawing, and its texts. */
export type BalanceDot = TooltipLines & { key: string; timeMs: number; value: number; cells: string[] };

export type BalanceChartText = ChartText & { columns: string[] };

const chartMargin = { top: 8, right: 12, bottom: 24, left: 8 };
const chartHeightPx = 240;
const dayMs = 86_400_000;
const hourMs = 3_600_000;
/** Time ticks along the axis at most: five fit a phone's width in any of the formats below. */
const timeTicksMax = 5;

/**
 * Ticks as fine as the page's span needs: days, minutes, seconds for transactions a few seconds apart, tenths of a
 * second for a burst; ticks that would still repeat a label are left out (distinct-ticks.ts).
 */
function timeTickOptions(spanMs: number): Intl.DateTimeFormatOptions {
  if (spanMs > dayMs) return { month: "short", day: "numeric" };
  if (spanMs > hourMs) return { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
  if (spanMs > 10_000) return { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" };
  return { hour: "2-digit", minute: "2-digit", second: "2-digit", fractionalSecondDigits: 1, hourCycle: "h23" };
}

export function BalanceChart({
  text,
  dots,
  currency,
}: {
  text: BalanceChartText;
  dots: BalanceDot[];
  currency: Currency;
}) {
  const { intlLocale } = usePageFormat();
  const spanMs = dots.length === 0 ? 0 : dots.at(-1)!.timeMs - dots[0]!.timeMs;
  const timeTick = new Intl.DateTimeFormat(intlLocale, { ...timeTickOptions(spanMs), timeZone: "UTC" });
  const timeTicks = distinctTicks(dots[0]?.timeMs ?? 0, dots.at(-1)?.timeMs ?? 0, timeTicksMax, (timeMs) =>
    timeTick.format(timeMs),
  );
  // Ticks are round values between the figures (the figures themselves are in the tooltip and the table): short,
  // "$1.5K" or "US$150만", in the currency's own decimals at most.
  const moneyTick = new Intl.NumberFormat(intlLocale, {
    style: "currency",
    currency: currency.code,
    notation: "compact",
    maximumFractionDigits: currency.decimals,
  });
  return (
    <ChartFrame
      text={text}
      columns={text.columns}
      rows={dots.map((dot) => ({ key: dot.key, cells: dot.cells }))}
      testId="chart-balance"
    >
      {(hintId) => (
        <LineChart data={dots} {...plotProps(text, hintId, chartHeightPx, chartMargin)}>
          <CartesianGrid vertical={false} />
          <XAxis
            dataKey="timeMs"
            type="number"
            scale="time"
            domain={["dataMin", "dataMax"]}
            ticks={timeTicks}
            minTickGap={24}
            tick={{ fontSize: 12 }}
            tickFormatter={(timeMs: number) => timeTick.format(timeMs)}
            label={xAxisLabel(text)}
          />
          <YAxis
            width={80}
            allowDecimals={currency.decimals > 0}
            tick={{ fontSize: 12 }}
            tickFormatter={(valueMajor: number) => moneyTick.format(valueMajor)}
            label={yAxisLabel(text, 0)}
          />
          <Tooltip content={ChartTooltip} isAnimationActive={false} />
          <Line
            dataKey="value"
            type="stepAfter"
            stroke="currentColor"
            strokeWidth={2}
            dot={{ r: 3, fill: "currentColor" }}
            isAnimationActive={false}
          />
        </LineChart>
      )}
    </ChartFrame>
  );
}
