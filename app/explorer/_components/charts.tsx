// Bar charts drawn as SVG: transactions per block and per minute. Each has a text summary for screen readers.
type Bar = { label: string; value: number };

export function BarChart({ title, bars, unit }: { title: string; bars: Bar[]; unit: string }) {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const total = bars.reduce((sum, bar) => sum + bar.value, 0);
  const width = 600;
  const height = 140;
  const barWidth = width / Math.max(1, bars.length);
  return (
    <figure className="space-y-2">
      <figcaption className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
        <span className="font-medium text-slate-800">{title}</span>
        <span className="text-slate-600">
          max {max.toLocaleString("en-US")} {unit}
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="h-36 w-full rounded-lg bg-slate-50"
        role="img"
        aria-label={`${title}: ${total.toLocaleString("en-US")} ${unit} in all, at most ${max.toLocaleString("en-US")} in one bar`}
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
              <title>{`${bar.label}: ${bar.value.toLocaleString("en-US")} ${unit}`}</title>
            </rect>
          );
        })}
      </svg>
    </figure>
  );
}
