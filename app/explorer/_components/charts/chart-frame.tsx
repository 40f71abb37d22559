// The frame both explorer charts share: a figure whose caption is the chart's title and summary, the plot on its
// tinted panel, the keyboard hint the plot points to (aria-describedby), and the figures as a table for screen
// readers. The chart itself is the child; it is given the hint's id.
import type { ReactNode } from "react";
import { ChartFiguresTable, type FiguresRow } from "./chart-figures-table";
import { chartColourClasses, labelStyle } from "./chart-tooltip";

/** What every chart says: a title and a summary, axis labels, how to read it by keyboard, and its table. */
export type ChartText = {
  title: string;
  summary: string;
  xAxis: string;
  yAxis: string;
  keyboardHint: string;
  tableCaption: string;
};

export function ChartFrame({
  text,
  columns,
  rows,
  testId,
  children,
}: {
  text: ChartText;
  /** The table's column headings. */
  columns: readonly string[];
  rows: FiguresRow[];
  testId: string;
  /** The plot, given the id of the hint that describes it. */
  children: (hintId: string) => ReactNode;
}) {
  const hintId = `${testId}-hint`;
  return (
    <figure className="min-w-0 space-y-2" data-testid={testId}>
      <figcaption className="space-y-0.5 text-sm">
        <span className="block font-medium text-slate-800">{text.title}</span>
        <span className="block text-slate-600">{text.summary}</span>
      </figcaption>
      <div className={`w-full overflow-hidden rounded-lg bg-slate-50 ${chartColourClasses}`}>{children(hintId)}</div>
      <p id={hintId} className="text-xs text-slate-600">
        {text.keyboardHint}
      </p>
      <ChartFiguresTable caption={text.tableCaption} headers={columns} rows={rows} testId={`${testId}-figures`} />
    </figure>
  );
}

/** What every chart's plot is given: the frame's width, its height and margins, recharts' keyboard layer, the hint. */
export function plotProps(
  text: ChartText,
  hintId: string,
  heightPx: number,
  margin: { top: number; right: number; bottom: number; left: number },
) {
  return {
    width: "100%",
    height: heightPx,
    margin,
    responsive: true,
    accessibilityLayer: true,
    title: text.title,
    "aria-describedby": hintId,
  } as const;
}

/** The x axis's label, under the ticks. */
export function xAxisLabel(text: ChartText) {
  return { value: text.xAxis, position: "insideBottom", offset: -16, fontSize: 12, style: labelStyle } as const;
}

/** The y axis's label, turned up the left side, `offset` from the axis. */
export function yAxisLabel(text: ChartText, offset: number) {
  return { value: text.yAxis, angle: -90, position: "insideLeft", offset, fontSize: 12, style: labelStyle } as const;
}
