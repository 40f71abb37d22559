// An axis's ticks, evenly spaced between its ends, keeping only those whose label differs from the tick before:
// a page whose transactions came within one second (or one minute, one day, in the format the span chose) would
// otherwise print the same label several times along its axis.

/** `count` evenly spaced values from `min` to `max` (both ends included), less those that would repeat a label. */
export function distinctTicks(min: number, max: number, count: number, label: (value: number) => string): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min || count < 2) return [min];
  const ticks: number[] = [];
  let previousLabel: string | null = null;
  for (let index = 0; index < count; index += 1) {
    const value = min + ((max - min) * index) / (count - 1);
    const text = label(value);
    if (text === previousLabel) continue;
    ticks.push(value);
    previousLabel = text;
  }
  return ticks;
}
