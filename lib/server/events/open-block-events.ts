// GET /api/events: Server-Sent Events, one `block` event per new block, `id:` its height. One watcher per
// process follows the head and fans each new block out to every open stream, serialised once: a block this
// process sealed is published as the sealer handed it over, and only blocks other processes sealed are read
// from the database (by polling, or when a handed-over block shows that some came before it).
import "server-only";
import { eventsReplayMax } from "../../ledger/limits";
import type { SignedBlock } from "../../ledger/types";
import type { LedgerNode } from "../node/context";

const pollIntervalMs = 250;
const keepAliveIntervalMs = 15_000;
const retryMs = 2_000;
const encoder = new TextEncoder();

/** A block with its event, encoded once: every stream enqueues the same bytes. */
type BlockEvent = { block: SignedBlock; bytes: Uint8Array };
type Listener = (event: BlockEvent) => void;

class HeadWatcher {
  private readonly listeners = new Set<Listener>();
  private lastHeight = -1;
  private timer: NodeJS.Timeout | null = null;
  private isChecking = false;
  private isCheckAgain = false;
  private readonly node: LedgerNode;

  constructor(node: LedgerNode) {
    this.node = node;
    node.localBlocks.on("block", (block: SignedBlock) => this.publishLocal(block));
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

  /** The next block is sent as it is; a block further ahead means others came first, read from the database. */
  private publishLocal(block: SignedBlock): void {
    if (this.listeners.size === 0) return;
    if (block.header.height === this.lastHeight + 1) this.publish(block);
    else if (block.header.height > this.lastHeight + 1) void this.check();
  }

  private publish(block: SignedBlock): void {
    this.lastHeight = block.header.height;
    const event = { block, bytes: encoder.encode(formatBlockEvent(block)) };
    for (const listener of this.listeners) listener(event);
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
      // A block this process sealed may have been published while the read was under way.
      for (const block of blocks) if (block.header.height > this.lastHeight) this.publish(block);
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
      const send = (bytes: Uint8Array) => {
        if (isClosed) return;
        try {
          controller.enqueue(bytes);
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
      let waitingEvents: BlockEvent[] | null = [];
      const sendEvent = ({ block, bytes }: BlockEvent) => {
        if (block.header.height <= lastSent) return;
        lastSent = block.header.height;
        send(bytes);
      };
      const stop = await watcher.subscribe((event) =>
        waitingEvents === null ? sendEvent(event) : waitingEvents.push(event),
      );
      if (isClosed) stop();
      else unsubscribe = stop;
      lastSent = lastEventId ?? watcher.height;
      send(encoder.encode(`retry: ${retryMs}\n\n`));
      try {
        if (lastEventId !== undefined)
          for (const block of await node.store.blocksFrom(lastEventId + 1, eventsReplayMax))
            sendEvent({ block, bytes: encoder.encode(formatBlockEvent(block)) });
      } finally {
        for (const event of waitingEvents) sendEvent(event);
        waitingEvents = null;
      }
      const keepAliveBytes = encoder.encode(": keep-alive\n\n");
      keepAlive = setInterval(() => send(keepAliveBytes), keepAliveIntervalMs);
      if (isClosed) clearInterval(keepAlive);
    },
    cancel() {
      unsubscribe();
      clearInterval(keepAlive);
    },
  });
}
