"use client";
// A bar chart of transactions (per block or per minute) drawn by recharts: axes with their labels, the value of a
// bar on hover and on keyboard focus (recharts' accessibility layer: focus the chart, then the arrow keys), and
// the figures as a table for screen readers. Every text arrives formatted from the server in the page's language;
// the numbers here only size the bars.
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFrame, plotProps, xAxisLabel, yAxisLabel, type ChartText } from "./chart-frame";
import { ChartTooltip, type TooltipLines } from "./chart-tooltip";

/** One bar: its axis tick ("42", "09:41"), its name in the tooltip and the table, its count, and the count as text. */
export type ActivityBar = TooltipLines & { tick: string; value: number };

export type ActivityChartText = ChartText & {
  /** The table's two column headings: what a bar is, and its count. */
  columns: [string, string];
};

// Room for the axis labels under and beside the plot, and for tick labels of up to five digits.
const chartMargin = { top: 8, right: 8, bottom: 24, left: 4 };
const chartHeightPx = 220;

export function ActivityChart({
  text,
  bars,
  testId,
}: {
  text: ActivityChartText;
  bars: ActivityBar[];
  testId: string;
}) {
  return (
    <ChartFrame
      text={text}
      columns={text.columns}
      rows={bars.map((bar) => ({ key: bar.tick, cells: [bar.name, ...bar.lines] }))}
      testId={testId}
    >
      {(hintId) => (
        <BarChart data={bars} {...plotProps(text, hintId, chartHeightPx, chartMargin)}>
          <CartesianGrid vertical={false} />
          <XAxis
            dataKey="tick"
            interval="preserveStartEnd"
            minTickGap={16}
            tick={{ fontSize: 12 }}
            label={xAxisLabel(text)}
          />
          <YAxis allowDecimals={false} width={48} tick={{ fontSize: 12 }} label={yAxisLabel(text, 12)} />
          <Tooltip content={ChartTooltip} isAnimationActive={false} />
          <Bar dataKey="value" fill="currentColor" isAnimationActive={false} />
        </BarChart>
      )}
    </ChartFrame>
  );
}
