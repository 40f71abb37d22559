// Follows the head of the chain for the event streams of one process, and hands each new block to every open
// stream, in height order, each block encoded once (through the shared cache) and batched (live-batch.ts). A block this process sealed is
// published as the sealer handed it over; only blocks other processes sealed are read from the database (by
// polling, or when a handed-over block shows that some came before it).
import "server-only";
import { eventsReplayMax } from "../../ledger/limits";
import type { SignedBlock } from "../../ledger/types";
import type { LedgerNode } from "../node/context";
import type { BlockEventCache } from "./block-event-cache";
import { LiveBatcher, type LiveBatch } from "./live-batch";

const pollIntervalMs = 250;

/** Called with each batch of new blocks' events, the same bytes for every listener. */
export type BlockListener = (batch: LiveBatch) => void;

export class HeadWatcher {
  private readonly listeners = new Set<BlockListener>();
  private lastHeight = -1;
  private timer: NodeJS.Timeout | null = null;
  private isChecking = false;
  private isCheckAgain = false;
  /** The read of the head a first subscriber waits for; the many streams that open at once share it. */
  private headRead: Promise<void> | null = null;
  private readonly node: LedgerNode;
  private readonly cache: BlockEventCache;
  private readonly batcher = new LiveBatcher((batch) => {
    for (const listener of this.listeners) listener(batch);
  });

  constructor(node: LedgerNode, cache: BlockEventCache) {
    this.node = node;
    this.cache = cache;
    node.localBlocks.on("block", (block: SignedBlock) => this.publishLocal(block));
  }

  /** The height of the newest block published: every block up to it is stored and in the cache. */
  get height(): number {
    return this.lastHeight;
  }

  async subscribe(listener: BlockListener): Promise<() => void> {
    // Nobody was listening, so blocks went unseen: start from the head as it is now.
    if (this.listeners.size === 0) {
      this.headRead ??= this.readHead().finally(() => (this.headRead = null));
      await this.headRead;
    }
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

  private async readHead(): Promise<void> {
    const height = (await this.node.store.head())?.header.height;
    if (height !== undefined && height > this.lastHeight) this.lastHeight = height;
  }

  /** The next block is sent as it is; a block further ahead means others came first, read from the database. */
  private publishLocal(block: SignedBlock): void {
    if (this.listeners.size === 0) return;
    if (block.header.height === this.lastHeight + 1) this.publish(block);
    else if (block.header.height > this.lastHeight + 1) void this.check();
  }

  private publish(block: SignedBlock): void {
    this.lastHeight = block.header.height;
    this.batcher.add(block.header.height, this.cache.put(block));
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
      for (const block of blocks) if (block.header.height === this.lastHeight + 1) this.publish(block);
      if (blocks.length < eventsReplayMax) return;
    }
  }
}
