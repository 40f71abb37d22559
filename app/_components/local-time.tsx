"use client";
// A moment in the reader's own time zone. The server cannot know that zone, so it renders the time in UTC (and
// says so); the browser switches to local time once it has hydrated. Both renders agree during hydration, so
// React never sees a mismatch, and a reader without JavaScript still reads a correct time.
import { useSyncExternalStore } from "react";
import { formatTime } from "@/lib/wallet/format";

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
  return (
    <time dateTime={iso} className={className} title={iso}>
      {isHydrated ? formatTime(iso) : `${formatTime(iso, { timeZone: "UTC" })} UTC`}
    </time>
  );
}
