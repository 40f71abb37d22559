// GET /api/events: Server-Sent Events, one `block` event per new block, `id:` its height. One watcher per
// process follows the head (at once for blocks this process seals, by polling for other processes' blocks)
// and fans each new block out to every open stream.
import "server-only";
import { eventsReplayMax } from "../../ledger/limits";
import type { SignedBlock } from "../../ledger/types";
import type { LedgerNode } from "../node/context";

const pollIntervalMs = 250;
const keepAliveIntervalMs = 15_000;
const retryMs = 2_000;

type Listener = (block: SignedBlock) => void;

class HeadWatcher {
  private readonly listeners = new Set<Listener>();
  private lastHeight = -1;
  private timer: NodeJS.Timeout | null = null;
  private isChecking = false;
  private isCheckAgain = false;
  private readonly node: LedgerNode;

  constructor(node: LedgerNode) {
    this.node = node;
    node.localBlocks.on("block", () => void this.check());
  }

  get height(): number {
    return this.lastHeight;
  }

  async subscribe(listener: Listener): Promise<() => void> {
    // Nobody was listening, so blocks went unseen: start from the head as it is now.
    if (this.listeners.size === 0) this.lastHeight = (await this.node.store.head())?.header.height ?? this.lastHeight;
    this.listeners.add(listener);
    this.timer ??= setInterval(() => void this.check(), pollIntervalMs);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer !== null) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  /** One check at a time; a check asked for meanwhile runs right after, so no block waits for the next poll. */
  private async check(): Promise<void> {
    if (this.isChecking) {
      this.isCheckAgain = true;
      return;
    }
    this.isChecking = true;
    try {
      do {
        this.isCheckAgain = false;
        await this.deliverNewBlocks();
      } while (this.isCheckAgain);
    } catch (error) {
      console.error("reading new blocks for event streams failed", error);
    } finally {
      this.isChecking = false;
    }
  }

  private async deliverNewBlocks(): Promise<void> {
    if (this.listeners.size === 0) return;
    for (;;) {
      const blocks = await this.node.store.blocksFrom(this.lastHeight + 1, eventsReplayMax);
      for (const block of blocks) {
        this.lastHeight = block.header.height;
        for (const listener of this.listeners) listener(block);
      }
      if (blocks.length < eventsReplayMax) return;
    }
  }
}

const globalForEvents = globalThis as unknown as { chainpayHeadWatcher?: { node: LedgerNode; watcher: HeadWatcher } };

function getWatcher(node: LedgerNode): HeadWatcher {
  const existing = globalForEvents.chainpayHeadWatcher;
  if (existing?.node === node) return existing.watcher;
  const watcher = new HeadWatcher(node);
  globalForEvents.chainpayHeadWatcher = { node, watcher };
  return watcher;
}

const encoder = new TextEncoder();

// Open event streams never end by themselves, and a graceful shutdown waits for every open response: close
// them when the process is asked to stop, so that `npm start` stops promptly with wallets connected.
const openStreamClosers = new Set<() => void>();
let isShutdownHooked = false;
function hookShutdown(): void {
  if (isShutdownHooked) return;
  isShutdownHooked = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      for (const close of openStreamClosers) close();
    });
  }
}

export function formatBlockEvent(block: SignedBlock): string {
  return `id: ${block.header.height}\nevent: block\ndata: ${JSON.stringify(block)}\n\n`;
}

/**
 * The stream for one client. A client that reconnects with Last-Event-ID first gets the blocks after that
 * height (up to eventsReplayMax; a client further behind syncs the rest with /api/headers).
 */
export function openBlockEventStream(
  node: LedgerNode,
  lastEventId: number | undefined,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  const watcher = getWatcher(node);
  let unsubscribe = () => {};
  let keepAlive: NodeJS.Timeout | undefined;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let isClosed = false;
      const send = (text: string) => {
        if (isClosed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const close = () => {
        isClosed = true;
        openStreamClosers.delete(close);
        unsubscribe();
        clearInterval(keepAlive);
        try {
          controller.close();
        } catch {
          // Already closed by the client going away.
        }
      };
      signal.addEventListener("abort", close, { once: true });
      hookShutdown();
      openStreamClosers.add(close);
      // Blocks the watcher delivers while the missed ones are read wait, so that every block goes out once, in order.
      let lastSent = -1;
      let waitingBlocks: SignedBlock[] | null = [];
      const sendBlock = (block: SignedBlock) => {
        if (block.header.height <= lastSent) return;
        lastSent = block.header.height;
        send(formatBlockEvent(block));
      };
      const stop = await watcher.subscribe((block) =>
        waitingBlocks === null ? sendBlock(block) : waitingBlocks.push(block),
      );
      if (isClosed) stop();
      else unsubscribe = stop;
      lastSent = lastEventId ?? watcher.height;
      send(`retry: ${retryMs}\n\n`);
      try {
        if (lastEventId !== undefined)
          for (const block of await node.store.blocksFrom(lastEventId + 1, eventsReplayMax)) sendBlock(block);
      } finally {
        for (const block of waitingBlocks) sendBlock(block);
        waitingBlocks = null;
      }
      keepAlive = setInterval(() => send(": keep-alive\n\n"), keepAliveIntervalMs);
      if (isClosed) clearInterval(keepAlive);
    },
    cancel() {
      unsubscribe();
      clearInterval(keepAlive);
    },
  });
}
