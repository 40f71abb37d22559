// One client's GET /api/events stream. It takes a slot (or is refused with `overloaded`), and gives it back
// however it ends: the client goes away, it is dropped for not reading, its lifetime is over, or the process
// stops. A reconnecting client's replay (Last-Event-ID) is pulled from the shared cache only as fast as the
// client reads it; new blocks are pushed as they come, and a client that falls a buffer's worth behind is
// dropped, so a stream nobody reads holds a few queued references to shared bytes and nothing more.
import "server-only";
import { eventsReplayMax } from "../../ledger/limits";
import type { EventStreamSettings } from "../node/env";
import type { LedgerNode } from "../node/context";
import { eventHubOf, type EventHub } from "./event-hub";
import { keepAliveBytes, retryFieldBytes } from "./format-block-event";
import { batchBytesFrom, type LiveBatch } from "./live-batch";
import { sharedLimitsOf } from "../workers/shared-limits";

export type BlockEventStreamRequest = {
  /** Who the stream counts against (clientAddressOf the request). */
  client: string;
  /** The height a reconnecting client saw last; undefined starts from now. */
  lastEventId: number | undefined;
  /** Aborts when the client goes away. */
  signal: AbortSignal;
};

/**
 * The stream for one client, or `overloaded` past the node's or the client's cap. A client that reconnects with
 * Last-Event-ID first gets the blocks after that height (up to eventsReplayMax; a client further behind syncs
 * the rest with /api/headers), then every new block.
 */
export async function openBlockEventStream(
  node: LedgerNode,
  request: BlockEventStreamRequest,
): Promise<ReadableStream<Uint8Array>> {
  const hub = eventHubOf(node);
  // The slots count across the node's workers (lib/server/workers/): a client's streams on every worker.
  const giveBack = await sharedLimitsOf(node).takeStreamSlot(
    {
      streamsMax: node.config.eventStreams.streamsMax,
      streamsPerClientMax: node.config.eventStreams.streamsPerClientMax,
    },
    request.client,
  );
  return new BlockEventStream(hub, node.config.eventStreams, request, giveBack).readable;
}

type Phase = "starting" | "replaying" | "live" | "ended";

/** How a stream ends: what the client sees, a clean end (it reconnects) or a dropped connection. */
type Ending = "clean" | "dropped" | "cancelled";

class BlockEventStream {
  readonly readable: ReadableStream<Uint8Array>;
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private phase: Phase = "starting";
  /** The height of the next block this client is sent. */
  private nextHeight = 0;
  /** The first height past the replay window, and the first block published after the stream started. */
  private replayEnd = 0;
  private liveFrom = 0;
  /** Bytes of blocks published since the stream started that a replaying client has not been given yet. */
  private owedBytes = 0;
  /** How far ahead of the client the replay is read: the queue's high-water mark. */
  private readonly readAheadBytes: number;
  private unsubscribe: () => void = () => {};
  private leaveHub: () => void = () => {};
  private lifetimeTimer: NodeJS.Timeout | undefined;
  private readonly onAbort = () => this.end("clean");
  private readonly hub: EventHub;
  private readonly settings: EventStreamSettings;
  private readonly request: BlockEventStreamRequest;
  private readonly giveBack: () => void;

  constructor(hub: EventHub, settings: EventStreamSettings, request: BlockEventStreamRequest, giveBack: () => void) {
    this.hub = hub;
    this.settings = settings;
    this.request = request;
    this.giveBack = giveBack;
    this.readAheadBytes = Math.floor(settings.bufferBytesMax / 4);
    this.readable = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.controller = controller;
          // The stream pulls the replay only once this has settled where the client starts.
          return this.start();
        },
        pull: () => this.pull(),
        cancel: () => this.end("cancelled"),
      },
      { highWaterMark: this.readAheadBytes, size: (chunk) => chunk.byteLength },
    );
  }

  private async start(): Promise<void> {
    const { signal, lastEventId } = this.request;
    signal.addEventListener("abort", this.onAbort, { once: true });
    if (signal.aborted) return this.end("clean");
    this.leaveHub = this.hub.register({ keepAlive: () => this.keepAlive(), shutDown: () => this.end("clean") });
    this.lifetimeTimer = setTimeout(() => this.end("clean"), this.settings.lifetimeMs);
    this.lifetimeTimer.unref();
    let unsubscribe: () => void;
    try {
      unsubscribe = await this.hub.watcher.subscribe((batch) => this.onBatch(batch));
    } catch (error) {
      console.error("opening an event stream failed", error);
      return this.end("clean");
    }
    if (this.phase === "ended") return unsubscribe();
    this.unsubscribe = unsubscribe;
    const head = this.hub.watcher.height;
    this.liveFrom = head + 1;
    this.send(retryFieldBytes);
    if (lastEventId === undefined || lastEventId >= head) {
      this.nextHeight = Math.max(head, lastEventId ?? head) + 1;
      this.phase = "live";
    } else {
      this.nextHeight = lastEventId + 1;
      this.replayEnd = lastEventId + 1 + eventsReplayMax;
      this.phase = "replaying";
    }
  }

  /** New blocks: sent at once when the client is live; owed, and counted against its buffer, while it replays. */
  private onBatch(batch: LiveBatch): void {
    if (this.phase === "live") {
      if (batch.lastHeight < this.nextHeight) return;
      const from = Math.max(this.nextHeight, batch.fromHeight);
      this.nextHeight = batch.lastHeight + 1;
      this.send(batchBytesFrom(batch, from));
    } else if (this.phase === "replaying") {
      this.owedBytes += batch.bytes.byteLength;
    } else {
      return;
    }
    this.dropIfBehind();
  }

  /**
   * Reads the replay ahead of the client, up to the high-water mark, in runs of consecutive events (views into
   * the cache's shared pages), then turns live once it has caught up.
   */
  private async pull(): Promise<void> {
    try {
      while (this.phase === "replaying" && (this.controller.desiredSize ?? 0) > 0) {
        // Past the replay window the client syncs with /api/headers; it still gets every block from now on.
        const isSkipping = this.replayEnd < this.liveFrom;
        if (isSkipping && this.nextHeight >= this.replayEnd && this.nextHeight < this.liveFrom)
          this.nextHeight = this.liveFrom;
        const head = this.hub.watcher.height;
        if (this.nextHeight > head) {
          this.phase = "live";
          this.owedBytes = 0;
          return;
        }
        const from = this.nextHeight;
        const to = isSkipping && from < this.replayEnd ? Math.min(head, this.replayEnd - 1) : head;
        const run = await this.hub.cache.run(from, to, this.readAheadBytes);
        if (this.phase !== "replaying") return;
        // Every block up to the watcher's height is stored; one that is not means the chain was replaced under
        // this process. End the stream: the client reconnects and finds out.
        if (run === null) return this.end("clean");
        this.nextHeight = run.lastHeight + 1;
        const owedCount = run.lastHeight - Math.max(from, this.liveFrom) + 1;
        if (owedCount > 0) {
          const paidBytes = (run.bytes.byteLength * owedCount) / (run.lastHeight - from + 1);
          this.owedBytes = Math.max(0, this.owedBytes - paidBytes);
        }
        this.send(run.bytes);
      }
    } catch (error) {
      console.error("replaying blocks to an event stream failed", error);
      this.end("clean");
    }
  }

  private keepAlive(): void {
    if (this.phase !== "replaying" && this.phase !== "live") return;
    this.send(keepAliveBytes);
    this.dropIfBehind();
  }

  /** A client whose queued and owed bytes pass the buffer does not read: it is dropped, its slot freed. */
  private dropIfBehind(): void {
    if (this.phase === "ended") return;
    const queuedBytes = this.readAheadBytes - (this.controller.desiredSize ?? 0);
    if (queuedBytes + this.owedBytes > this.settings.bufferBytesMax) this.end("dropped");
  }

  private send(bytes: Uint8Array): void {
    if (this.phase === "ended") return;
    try {
      this.controller.enqueue(bytes);
    } catch {
      // The stream was already closed from the client's side.
      this.end("cancelled");
    }
  }

  /** Ends the stream once, whatever ends it, and frees everything it held. */
  private end(ending: Ending): void {
    if (this.phase === "ended") return;
    this.phase = "ended";
    this.giveBack();
    this.unsubscribe();
    this.leaveHub();
    clearTimeout(this.lifetimeTimer);
    this.request.signal.removeEventListener("abort", this.onAbort);
    try {
      // Erroring discards what is queued, and an AbortError is what Next.js's response pipe expects from a
      // connection it should close without logging; a clean end lets the client's EventSource reconnect.
      if (ending === "dropped")
        this.controller.error(new DOMException("dropped: the client did not read its events", "AbortError"));
      else if (ending === "clean") this.controller.close();
    } catch {
      // Already closed or errored from the client's side.
    }
  }
}
