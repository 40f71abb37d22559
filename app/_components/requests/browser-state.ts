"use client";
// What the request pages read from the browser alone (localStorage, the address, the clock, Web Share), through
// useSyncExternalStore: the server and the hydrating render see "not known yet", the browser then the real value,
// so hydration never mismatches and no effect has to copy it into state.
import { useSyncExternalStore } from "react";
import { requestsChangedEvent, requestsStorageKey } from "@/lib/wallet/requests/request-store";

const noSubscription = () => () => {};

function subscribeToRequests(onChange: () => void) {
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key === requestsStorageKey) onChange();
  };
  window.addEventListener("storage", onStorage);
  window.addEventListener(requestsChangedEvent, onChange);
  return () => {
    window.removeEventListener("storage", onStorage);
    window.removeEventListener(requestsChangedEvent, onChange);
  };
}

/** The stored requests' raw text (null when none are stored), or undefined before the browser has been read. */
export function useStoredRequestsText(): string | null | undefined {
  return useSyncExternalStore(
    subscribeToRequests,
    () => localStorage.getItem(requestsStorageKey),
    () => undefined,
  );
}

/** A query string and when it was first read (a request link is checked against the clock of that moment). */
export type LocationSearch = { search: string; readAtMs: number };
let lastSearch: LocationSearch | null = null;

function readLocationSearch(): LocationSearch {
  // The same object while the address stays the same: useSyncExternalStore compares snapshots by identity.
  if (lastSearch?.search !== window.location.search) {
    lastSearch = { search: window.location.search, readAtMs: Date.now() };
  }
  return lastSearch;
}

/** This page's query string ("?to=…") and when it was read, or null on the server and while hydrating. */
export function useLocationSearch(): LocationSearch | null {
  return useSyncExternalStore(noSubscription, readLocationSearch, () => null);
}

/** Whether the browser has Web Share (false on the server). */
export function useCanShare(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => typeof navigator.share === "function",
    () => false,
  );
}

// One clock for every request on the page, ticking while any component reads it.
const clockTickMs = 5_000;
const clockListeners = new Set<() => void>();
let clockNowMs = 0;
let clockTimer: ReturnType<typeof setInterval> | undefined;

function tickClock() {
  clockNowMs = Date.now();
  for (const listener of clockListeners) listener();
}

function subscribeToClock(listener: () => void) {
  clockListeners.add(listener);
  if (clockTimer === undefined) {
    tickClock();
    clockTimer = setInterval(tickClock, clockTickMs);
  }
  return () => {
    clockListeners.delete(listener);
    if (clockListeners.size > 0) return;
    clearInterval(clockTimer);
    clockTimer = undefined;
  };
}

/** Now in milliseconds, updated every few seconds; null on the server and while hydrating. */
export function useClock(): number | null {
  return useSyncExternalStore(
    subscribeToClock,
    () => (clockNowMs === 0 ? (clockNowMs = Date.now()) : clockNowMs),
    () => null,
  );
}
