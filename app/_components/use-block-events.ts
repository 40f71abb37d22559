"use client";
// Follows the node's event stream, calling `onBlock` for every new block. EventSource reconnects by itself when
// the node ends a stream (its lifetime is over, it restarted, it dropped a client that fell behind), and sends
// Last-Event-ID so that no block is missed. It gives up for good on an answer other than 200, such as the
// 503 `overloaded` of a node at its cap of streams: then a new EventSource is opened after a delay that doubles
// with each refusal, with jitter, so that refused clients neither hammer the node nor come back all at once.
import { useEffect, useRef } from "react";
import type { SignedBlock } from "@/lib/ledger/types";

// The node's refusal says to retry after 10 s: the first retry comes 5 to 10 s later, the slowest after 1 to 2 min.
const reopenDelayFirstMs = 10_000;
const reopenDelayMaxMs = 120_000;

/** The wait before opening a stream again after `refusals` in a row: half to all of a ceiling that doubles. */
export function reopenDelayMs(refusals: number, random: number = Math.random()): number {
  const ceilingMs = Math.min(reopenDelayMaxMs, reopenDelayFirstMs * 2 ** Math.min(Math.max(refusals - 1, 0), 10));
  return Math.round(ceilingMs / 2 + (ceilingMs / 2) * random);
}

/** What followBlockEvents needs of the browser; tests hand it a fake EventSource. */
export type EventSourceFactory = (url: string) => EventSource;

/** Follows the stream until the function returned is called, reopening it after each refusal. */
export function followBlockEvents(
  onBlock: (block: SignedBlock) => void,
  openSource: EventSourceFactory = (url) => new EventSource(url),
): () => void {
  let source: EventSource | null = null;
  let reopenTimer: ReturnType<typeof setTimeout> | undefined;
  let refusals = 0;
  const onBlockEvent = (event: MessageEvent<string>) => onBlock(JSON.parse(event.data) as SignedBlock);
  const open = () => {
    const opened = openSource("/api/events");
    source = opened;
    opened.addEventListener("block", onBlockEvent);
    opened.addEventListener("open", () => (refusals = 0));
    opened.addEventListener("error", () => {
      // Still connecting: EventSource is reconnecting by itself, with Last-Event-ID.
      if (opened.readyState !== opened.CLOSED) return;
      opened.removeEventListener("block", onBlockEvent);
      refusals += 1;
      reopenTimer = setTimeout(open, reopenDelayMs(refusals));
    });
  };
  open();
  return () => {
    clearTimeout(reopenTimer);
    source?.removeEventListener("block", onBlockEvent);
    source?.close();
  };
}

export function useBlockEvents(onBlock: (block: SignedBlock) => void, isEnabled = true): void {
  const handler = useRef(onBlock);
  useEffect(() => {
    handler.current = onBlock;
  }, [onBlock]);
  useEffect(() => {
    if (!isEnabled) return;
    return followBlockEvents((block) => handler.current(block));
  }, [isEnabled]);
}
