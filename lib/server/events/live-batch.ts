// New blocks go to the live streams in batches: the blocks published within one interval are joined once into
// one run of bytes that every stream is given (or a view into it). Each write to a connection costs the node about
// as much as a small block's bytes, so at hundreds of blocks a second and a thousand streams, one write per block
// per stream would be all the node does. A block that comes after a quiet interval goes out at once.
import "server-only";

/** At most one write per interval to each live stream (four a second), and the most a block waits: as long as
 * the watcher waits between polls for the blocks other processes seal. */
export const liveBatchIntervalMs = 250;

/** Consecutive block events, end to end; `offsets[i]` is where the event of height fromHeight + i starts. */
export type LiveBatch = { fromHeight: number; lastHeight: number; bytes: Uint8Array; offsets: number[] };

/** The batch's events from `height` on (a view, not a copy); `height` must lie within the batch. */
export function batchBytesFrom(batch: LiveBatch, height: number): Uint8Array {
  const index = height - batch.fromHeight;
  return index === 0 ? batch.bytes : batch.bytes.subarray(batch.offsets[index]);
}

export class LiveBatcher {
  private pending: { height: number; bytes: Uint8Array }[] = [];
  private lastFlushMs = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;
  private readonly deliver: (batch: LiveBatch) => void;

  constructor(deliver: (batch: LiveBatch) => void) {
    this.deliver = deliver;
  }

  /** Adds the next block's event; blocks are added in height order, one after the other. */
  add(height: number, bytes: Uint8Array): void {
    this.pending.push({ height, bytes });
    if (this.timer !== null) return;
    const waitMs = this.lastFlushMs + liveBatchIntervalMs - Date.now();
    if (waitMs <= 0) {
      this.flush();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, waitMs);
    this.timer.unref();
  }

  private flush(): void {
    const events = this.pending;
    this.pending = [];
    this.lastFlushMs = Date.now();
    const first = events[0];
    if (first === undefined) return;
    const offsets = [0];
    for (const event of events) offsets.push(offsets.at(-1)! + event.bytes.byteLength);
    let bytes = first.bytes;
    if (events.length > 1) {
      bytes = new Uint8Array(offsets.at(-1)!);
      events.forEach((event, index) => bytes.set(event.bytes, offsets[index]));
    }
    this.deliver({ fromHeight: first.height, lastHeight: first.height + events.length - 1, bytes, offsets });
  }
}
