"use client";
// A moment in the reader's own time zone. The server cannot know that zone, so it renders the time in UTC (and
// says so); the browser switches to local time once it has hydrated. Both renders agree during hydration, so
// React never sees a mismatch, and a reader without JavaScript still reads a correct time.
import { useSyncExternalStore } from "react";
import { useFormat } from "./i18n/use-format";

const subscribeToNothing = () => () => {};

/** False while rendering on the server and hydrating; true in the browser afterwards. */
export function useIsHydrated(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}

export function LocalTime({ iso, className }: { iso: string; className?: string }) {
  const isHydrated = useIsHydrated();
  // The locale is the page's on both sides (next-intl's), so only the zone waits for hydration.
  const format = useFormat();
  return (
    <time dateTime={iso} className={className} title={iso}>
      {isHydrated ? format.dateTime(iso) : `${format.dateTime(iso, { timeZone: "UTC" })} UTC`}
    </time>
  );
}
