// New blocks reach live event streams in batches: the first block after a quiet interval at once, the blocks
// that follow it within the interval joined into one run of bytes, in height order, given whole or as a view.
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { batchBytesFrom, liveBatchIntervalMs, LiveBatcher, type LiveBatch } from "@/lib/server/events/live-batch";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const event = (height: number) => encoder.encode(`id: ${height}\n\n`);

let batches: LiveBatch[];
let batcher: LiveBatcher;

beforeEach(() => {
  vi.useFakeTimers();
  batches = [];
  batcher = new LiveBatcher((batch) => batches.push(batch));
});
afterEach(() => {
  vi.useRealTimers();
});

it("sends a block after a quiet interval at once, as its own shared bytes", () => {
  const bytes = event(1);
  batcher.add(1, bytes);
  expect(batches).toHaveLength(1);
  expect(batches[0]!.bytes).toBe(bytes);
  expect([batches[0]!.fromHeight, batches[0]!.lastHeight]).toEqual([1, 1]);
});

it("joins the blocks that follow within the interval into one batch, sent once the interval is over", async () => {
  batcher.add(1, event(1));
  batcher.add(2, event(2));
  batcher.add(3, event(3));
  expect(batches).toHaveLength(1);
  await vi.advanceTimersByTimeAsync(liveBatchIntervalMs - 1);
  expect(batches).toHaveLength(1);
  await vi.advanceTimersByTimeAsync(1);
  expect(batches).toHaveLength(2);
  const joined = batches[1]!;
  expect([joined.fromHeight, joined.lastHeight]).toEqual([2, 3]);
  expect(decoder.decode(joined.bytes)).toBe("id: 2\n\nid: 3\n\n");
  // A stream that has block 2 already gets the rest as a view into the same bytes.
  const rest = batchBytesFrom(joined, 3);
  expect(decoder.decode(rest)).toBe("id: 3\n\n");
  expect(rest.buffer).toBe(joined.bytes.buffer);
  expect(batchBytesFrom(joined, 2)).toBe(joined.bytes);
});
