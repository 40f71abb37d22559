// The encoded events of recent blocks, shared by every stream of the process. The watcher puts each new block
// here once; a reconnecting client's replay reads from here, so that a thousand clients replaying the same
// blocks cost one database read and one serialisation of each block, not a thousand. Blocks not here are read a
// page at a time, and concurrent readers of one page wait for the same read. A page whose blocks are all sealed
// is also kept as one run of bytes, so that a replay is sent in a few large writes (views into that run, never
// copies) rather than a thousand small ones: each write costs the node about as much as its bytes.
import "server-only";
import { eventsReplayMax } from "../../ledger/limits";
import type { SignedBlock } from "../../ledger/types";
import type { LedgerStore } from "../../db/ledger-store";
import { encodeBlockEvent } from "./format-block-event";

/**
 * Two full replays' worth: the newest blocks every live stream and short reconnect needs, and room for the
 * older window that clients far behind replay. A block event is under 1 KB, so this stays under about 2 MB,
 * and as much again for the pages.
 */
export const cachedBlockEventsMax = 2 * eventsReplayMax;

/** Blocks read from the database at once; pages start at multiples of it, so concurrent readers share them. */
export const blockEventPageSize = 100;

const cachedPagesMax = cachedBlockEventsMax / blockEventPageSize;

/** The events of one full page, end to end; `offsets[i]` is where the event of height pageStart + i starts. */
type Page = { bytes: Uint8Array; offsets: number[] };

/** Consecutive events as one chunk, and the height of the last. */
export type EventRun = { bytes: Uint8Array; lastHeight: number };

export class BlockEventCache {
  /** Height to encoded event, least recently used first (a Map keeps insertion order). */
  private readonly events = new Map<number, Uint8Array>();
  private readonly pages = new Map<number, Page>();
  private readonly pageReads = new Map<number, Promise<Map<number, Uint8Array>>>();
  private readonly store: Pick<LedgerStore, "blocksFrom">;

  constructor(store: Pick<LedgerStore, "blocksFrom">) {
    this.store = store;
  }

  /** Encodes a block once and keeps it; the bytes returned are the ones every stream is given. */
  put(block: SignedBlock): Uint8Array {
    const height = block.header.height;
    const existing = this.events.get(height);
    if (existing !== undefined) return existing;
    const bytes = encodeBlockEvent(block);
    remember(this.events, height, bytes, cachedBlockEventsMax);
    return bytes;
  }

  /**
   * The events from `from` on, at most to `to` (every block up to `to` is stored) and at most `budgetBytes`
   * (but always one event), as one chunk; null when the block at `from` is not stored.
   */
  async run(from: number, to: number, budgetBytes: number): Promise<EventRun | null> {
    const pageStart = from - (from % blockEventPageSize);
    const page = pageStart + blockEventPageSize - 1 <= to ? await this.page(pageStart) : null;
    if (page === null) {
      const bytes = await this.event(from);
      return bytes === null ? null : { bytes, lastHeight: from };
    }
    const start = page.offsets[from - pageStart]!;
    let last = from;
    while (last < to && last + 1 < pageStart + blockEventPageSize) {
      if (page.offsets[last + 2 - pageStart]! - start > budgetBytes) break;
      last += 1;
    }
    return { bytes: page.bytes.subarray(start, page.offsets[last + 1 - pageStart]), lastHeight: last };
  }

  /** The event of the block at `height`, read with its page when it is not at hand; null for a block not stored. */
  private async event(height: number): Promise<Uint8Array | null> {
    const cached = this.events.get(height);
    if (cached !== undefined) {
      remember(this.events, height, cached, cachedBlockEventsMax);
      return cached;
    }
    return (await this.readPage(height - (height % blockEventPageSize))).get(height) ?? null;
  }

  /** A full page as one run of bytes, built once from its events; null when some of its blocks are not stored. */
  private async page(pageStart: number): Promise<Page | null> {
    const cached = this.pages.get(pageStart);
    if (cached !== undefined) {
      remember(this.pages, pageStart, cached, cachedPagesMax);
      return cached;
    }
    let events: (Uint8Array | undefined)[] = [];
    for (let index = 0; index < blockEventPageSize; index++) events.push(this.events.get(pageStart + index));
    if (events.includes(undefined)) {
      const read = await this.readPage(pageStart);
      events = events.map((bytes, index) => bytes ?? read.get(pageStart + index));
    }
    // Built meanwhile by another stream's replay: keep one copy.
    const built = this.pages.get(pageStart);
    if (built !== undefined) return built;
    const offsets = [0];
    for (const bytes of events) {
      if (bytes === undefined) return null;
      offsets.push(offsets.at(-1)! + bytes.byteLength);
    }
    const bytes = new Uint8Array(offsets.at(-1)!);
    events.forEach((event, index) => bytes.set(event!, offsets[index]));
    const page = { bytes, offsets };
    remember(this.pages, pageStart, page, cachedPagesMax);
    return page;
  }

  /** One database read of a page however many streams ask for it at once; the page's events by height. */
  private readPage(pageStart: number): Promise<Map<number, Uint8Array>> {
    let read = this.pageReads.get(pageStart);
    if (read === undefined) {
      read = this.store
        .blocksFrom(pageStart, blockEventPageSize)
        .then((blocks) => new Map(blocks.map((block) => [block.header.height, this.put(block)])))
        .finally(() => this.pageReads.delete(pageStart));
      this.pageReads.set(pageStart, read);
    }
    return read;
  }
}

/** Marks an entry most recently used, and forgets the least recently used past the capacity. */
function remember<Value>(map: Map<number, Value>, key: number, value: Value, capacity: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > capacity) {
    const oldest = map.keys().next();
    if (oldest.done === true) break;
    map.delete(oldest.value);
  }
}
