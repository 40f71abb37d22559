"use client";
// Reloads the log page's server data when a block arrives, a little later, since the node cosigns a checkpoint
// after it seals the block; at most one refresh per interval, so that a busy chain does not reload it endlessly.
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useBlockEvents } from "../../_components/use-block-events";

/** The least time between two refreshes, and the wait after a block before the first. */
const refreshIntervalMs = 3_000;

export function LogRefresh() {
  const router = useRouter();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  useBlockEvents(() => {
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      router.refresh();
    }, refreshIntervalMs);
  });
  return null;
}
