// The encoded events of recent blocks, shared by every stream of the process. The watcher puts each new block
// here once; a reconnecting client's replay reads from here, so that a thousand clients replaying the same
// blocks cost one database read and one serialisation of each block, not a thousand. Blocks not here are read a
// page at a time, and concurrent readers of one page wait for the same read.
import "server-only";
import { eventsReplayMax } from "../../ledger/limits";
import type { SignedBlock } from "../../ledger/types";
import type { LedgerStore } from "../../db/ledger-store";
import { encodeBlockEvent } from "./format-block-event";

/**
 * Two full replays' worth: the newest blocks every live stream and short reconnect needs, and room for the
 * older window that clients far behind replay. A block event is under 1 KB, so this stays under about 2 MB.
 */
export const cachedBlockEventsMax = 2 * eventsReplayMax;

/** Blocks read from the database at once; pages start at multiples of it, so concurrent readers share them. */
export const blockEventPageSize = 100;

export class BlockEventCache {
  /** Height to encoded event, least recently used first (a Map keeps insertion order). */
  private readonly events = new Map<number, Uint8Array>();
  private readonly pageReads = new Map<number, Promise<Map<number, Uint8Array>>>();
  private readonly store: Pick<LedgerStore, "blocksFrom">;
  private readonly capacity: number;

  constructor(store: Pick<LedgerStore, "blocksFrom">, capacity = cachedBlockEventsMax) {
    this.store = store;
    this.capacity = capacity;
  }

  /** Encodes a block once and keeps it; the bytes returned are the ones every stream is given. */
  put(block: SignedBlock): Uint8Array {
    const height = block.header.height;
    const existing = this.events.get(height);
    if (existing !== undefined) return existing;
    const bytes = encodeBlockEvent(block);
    this.remember(height, bytes);
    return bytes;
  }

  /** The event of the block at `height` if it is at hand, without waiting. */
  peek(height: number): Uint8Array | undefined {
    const bytes = this.events.get(height);
    if (bytes !== undefined) this.remember(height, bytes);
    return bytes;
  }

  /** The event of the block at `height`, read with its page when it is not at hand; null for a block not stored. */
  async get(height: number): Promise<Uint8Array | null> {
    const cached = this.peek(height);
    if (cached !== undefined) return cached;
    const pageStart = height - (height % blockEventPageSize);
    let read = this.pageReads.get(pageStart);
    if (read === undefined) {
      read = this.readPage(pageStart).finally(() => this.pageReads.delete(pageStart));
      this.pageReads.set(pageStart, read);
    }
    // From the page itself: other pages read meanwhile may already have pushed it out of the cache.
    return (await read).get(height) ?? null;
  }

  private async readPage(pageStart: number): Promise<Map<number, Uint8Array>> {
    const page = new Map<number, Uint8Array>();
    for (const block of await this.store.blocksFrom(pageStart, blockEventPageSize))
      page.set(block.header.height, this.put(block));
    return page;
  }

  /** Marks the event most recently used, and forgets the least recently used past the capacity. */
  private remember(height: number, bytes: Uint8Array): void {
    this.events.delete(height);
    this.events.set(height, bytes);
    while (this.events.size > this.capacity) {
      const oldest = this.events.keys().next();
      if (oldest.done === true) break;
      this.events.delete(oldest.value);
    }
  }
}
