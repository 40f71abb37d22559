"use client";
// The box a chart shows for the bar or point under the pointer or the keyboard's focus: its name and its value,
// both already formatted on the server from the exact figures (never from the float the chart draws with).
export type TooltipLines = { name: string; lines: string[] };

type TooltipProps = { active?: boolean; payload?: readonly { payload?: unknown }[] };

export function ChartTooltip({ active, payload }: TooltipProps) {
  const point = payload?.[0]?.payload as TooltipLines | undefined;
  if (active !== true || point === undefined) return null;
  return (
    <div
      data-testid="chart-tooltip"
      className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-xs text-slate-900 shadow-md"
    >
      <p className="font-semibold">{point.name}</p>
      {point.lines.map((line) => (
        <p key={line} className="tabular-nums">
          {line}
        </p>
      ))}
    </div>
  );
}

/**
 * The classes that colour a chart through the palette's CSS variables, so that it follows the theme: CSS rules
 * outrank the fill and stroke attributes recharts writes, and the data is drawn in the wrapper's currentColor.
 */
export const chartColourClasses = [
  "text-indigo-600",
  "[&_.recharts-cartesian-axis-tick-value]:fill-slate-600",
  "[&_.recharts-cartesian-axis-line]:stroke-slate-400",
  "[&_.recharts-cartesian-axis-tick-line]:stroke-slate-400",
  "[&_.recharts-cartesian-grid_line]:stroke-slate-200",
  "[&_.recharts-tooltip-cursor]:fill-slate-100",
  "[&_svg:focus-visible]:outline-2",
  // Inset: the chart's box clips what would stray past it (a tooltip left over from a wider window).
  "[&_svg:focus-visible]:-outline-offset-2",
  "[&_svg:focus-visible]:outline-indigo-600",
].join(" ");

/** An axis label's colour, as a style (recharts' label theme sets its own fill, which a class does not outrank). */
export const labelStyle = { fill: "var(--color-slate-700)" };
