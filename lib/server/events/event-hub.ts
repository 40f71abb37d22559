// What the event streams of one process share: the cache of encoded block events, the head watcher that fills
// it, and the set of open streams (the slots that cap how many are open are the node's: shared-limits.ts), which gets one keep-alive
// timer for all of them and is closed as one when the process is asked to stop.
import "server-only";
import type { LedgerNode } from "../node/context";
import { BlockEventCache } from "./block-event-cache";
import { HeadWatcher } from "./head-watcher";

const keepAliveIntervalMs = 15_000;

/** What the hub asks of an open stream. */
export type OpenStream = {
  /** Sends a keep-alive comment, so that proxies do not end a quiet stream. */
  keepAlive(): void;
  /** Ends the stream because the process stops. */
  shutDown(): void;
};

export type EventHub = {
  cache: BlockEventCache;
  watcher: HeadWatcher;
  /** Adds a stream to the open set; the function returned takes it out. */
  register(stream: OpenStream): () => void;
};

const globalForEvents = globalThis as unknown as { chainpayEventHub?: { node: LedgerNode; hub: EventHub } };

/** One hub per process and node (a module reloaded in development finds the same one on globalThis). */
export function eventHubOf(node: LedgerNode): EventHub {
  const existing = globalForEvents.chainpayEventHub;
  if (existing?.node === node) return existing.hub;
  const cache = new BlockEventCache(node.store);
  const hub: EventHub = {
    cache,
    watcher: new HeadWatcher(node, cache),
    register: registerOpenStream,
  };
  globalForEvents.chainpayEventHub = { node, hub };
  return hub;
}

const openStreams = new Set<OpenStream>();
let keepAliveTimer: NodeJS.Timeout | null = null;
let isShutdownHooked = false;

function registerOpenStream(stream: OpenStream): () => void {
  openStreams.add(stream);
  hookShutdown();
  if (keepAliveTimer === null) {
    keepAliveTimer = setInterval(() => {
      for (const open of openStreams) open.keepAlive();
    }, keepAliveIntervalMs);
    // Open streams alone must not keep a process (a test, a script) alive.
    keepAliveTimer.unref();
  }
  return () => {
    openStreams.delete(stream);
    if (openStreams.size === 0 && keepAliveTimer !== null) {
      clearInterval(keepAliveTimer);
      keepAliveTimer = null;
    }
  };
}

// Open event streams end only by their lifetime, and a graceful shutdown waits for every open response: close
// them when the process is asked to stop, so that `npm start` stops promptly with wallets connected.
function hookShutdown(): void {
  if (isShutdownHooked) return;
  isShutdownHooked = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      for (const open of openStreams) open.shutDown();
    });
  }
}
