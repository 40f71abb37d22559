// Bar charts drawn as SVG: transactions per block and per minute. Each has a text summary for screen readers,
// and its first and last bar named under it, so that the time range it covers can be read off.
import { countOf } from "../../_components/entities/plural";

export type Bar = { label: string; value: number };
type Unit = { one: string; other: string };

const width = 600;
const height = 140;

export function BarChart({ title, bars, unit }: { title: string; bars: Bar[]; unit: Unit }) {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const total = bars.reduce((sum, bar) => sum + bar.value, 0);
  const barWidth = width / Math.max(1, bars.length);
  return (
    <figure className="min-w-0 space-y-2">
      <figcaption className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
        <span className="font-medium text-slate-800">{title}</span>
        <span className="text-slate-600">at most {countOf(max, unit)} in one bar</span>
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="h-36 w-full rounded-lg bg-slate-50"
        role="img"
        aria-label={`${title}: ${countOf(total, unit)} in all, at most ${countOf(max, unit)} in one bar`}
        preserveAspectRatio="none"
      >
        {bars.map((bar, index) => {
          const barHeight = (bar.value / max) * (height - 10);
          return (
            <rect
              key={bar.label}
              x={index * barWidth + 1}
              y={height - barHeight}
              width={Math.max(1, barWidth - 2)}
              height={barHeight}
              className="fill-indigo-500"
            >
              <title>{`${bar.label}: ${countOf(bar.value, unit)}`}</title>
            </rect>
          );
        })}
      </svg>
      {bars.length > 0 && (
        <p aria-hidden="true" className="flex justify-between gap-3 text-xs text-slate-600">
          <span>{bars[0]!.label}</span>
          {bars.length > 1 && <span>{bars.at(-1)!.label}</span>}
        </p>
      )}
    </figure>
  );
}

// A chain that began a few minutes ago would fill one bar at the right edge of an hour: the chart starts at its
// first busy minute instead, but never shows fewer minutes than this, so one busy minute is not one wide bar.
const minutesShownMin = 10;

/** The minutes from the first one with any transactions (at most `minutesShownMin` before the last) to the end. */
export function fromFirstBusyMinute(minutes: { minuteStart: string; txCount: number }[]): Bar[] {
  const firstBusy = minutes.findIndex((minute) => minute.txCount > 0);
  const start = Math.max(0, Math.min(firstBusy === -1 ? 0 : firstBusy, minutes.length - minutesShownMin));
  return minutes.slice(start).map((minute) => ({
    label: `${minute.minuteStart.slice(11, 16)} UTC`,
    value: minute.txCount,
  }));
}
