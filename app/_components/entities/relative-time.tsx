"use client";
// A time that says how long ago it was, without a hydration mismatch: the server and the browser's first render
// both show the absolute UTC time; only after mounting does the browser switch to "3 minutes ago" (in the page's
// language), from one shared clock that ticks while any relative time is on the page.
import { useSyncExternalStore } from "react";
import { useFormat } from "../i18n/use-format";
import { formatUtc, relativeTime } from "./time";

const tickMs = 1000;
const listeners = new Set<() => void>();
let nowMs = 0;
let timer: ReturnType<typeof setInterval> | undefined;

function tick() {
  nowMs = Date.now();
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (timer === undefined) {
    // The clock stood still while nothing watched it: bring it to now before the first reading.
    tick();
    timer = setInterval(tick, tickMs);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    clearInterval(timer);
    timer = undefined;
  };
}

const readClientNow = () => (nowMs === 0 ? (nowMs = Date.now()) : nowMs);
// On the server, and while hydrating, there is no clock: the absolute time is shown.
const readServerNow = () => null;

export function RelativeTime({ iso, isAbsoluteShown = false }: { iso: string; isAbsoluteShown?: boolean }) {
  const clientNowMs = useSyncExternalStore(subscribe, readClientNow, readServerNow);
  const format = useFormat();
  const absolute = formatUtc(iso);
  const relative = clientNowMs === null ? null : relativeTime(iso, clientNowMs, format.intlLocale);
  return (
    <time dateTime={iso} title={absolute}>
      {relative === null ? absolute : isAbsoluteShown ? `${absolute} (${relative})` : relative}
    </time>
  );
}
