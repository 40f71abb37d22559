// Which minutes the per-minute chart shows. A chain that began a few minutes ago would fill one bar at the right
// edge of an hour: the chart starts at its first busy minute instead, but never shows fewer minutes than this, so
// that one busy minute is not one wide bar.
export const minutesShownMin = 10;

export type MinuteCount = { minuteStart: string; txCount: number };

/** The minutes from the first one with any transactions (at most `minutesShownMin` before the last) to the end. */
export function fromFirstBusyMinute(minutes: MinuteCount[]): MinuteCount[] {
  const firstBusy = minutes.findIndex((minute) => minute.txCount > 0);
  const start = Math.max(0, Math.min(firstBusy === -1 ? 0 : firstBusy, minutes.length - minutesShownMin));
  return minutes.slice(start);
}
