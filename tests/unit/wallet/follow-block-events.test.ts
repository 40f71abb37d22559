// The wallet's and the explorer's event stream recovers from both ways a node ends it: a stream the node closed
// is left to EventSource's own reconnect (with Last-Event-ID), and a refused one (503 `overloaded`, where
// EventSource gives up) is opened again after a delay that grows with each refusal in a row.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { followBlockEvents, reopenDelayMs } from "@/app/_components/use-block-events";
import type { SignedBlock } from "@/lib/ledger/types";

/** Just enough of EventSource: the page's listeners, its readyState, and what the node answers. */
class FakeEventSource extends EventTarget {
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSED = 2;
  readyState = 0;
  isClosedByPage = false;

  close(): void {
    this.readyState = this.CLOSED;
    this.isClosedByPage = true;
  }

  /** The node answered 200 and the stream is open. */
  opens(): void {
    this.readyState = this.OPEN;
    this.dispatchEvent(new Event("open"));
  }

  /** The node ended the stream: EventSource reconnects by itself. */
  endsStream(): void {
    this.readyState = this.CONNECTING;
    this.dispatchEvent(new Event("error"));
  }

  /** The node answered other than 200 (a 503): EventSource gives up. */
  refuses(): void {
    this.readyState = this.CLOSED;
    this.dispatchEvent(new Event("error"));
  }

  sendsBlock(block: SignedBlock): void {
    this.dispatchEvent(new MessageEvent("block", { data: JSON.stringify(block) }));
  }
}

let sources: FakeEventSource[];
const openSource = () => {
  const source = new FakeEventSource();
  sources.push(source);
  return source as unknown as EventSource;
};

beforeEach(() => {
  sources = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const block = {
  header: { version: 1, chainId: "c", height: 7, prevHash: "", merkleRoot: "", txCount: 1, timestamp: "" },
  hash: "h",
  signature: "s",
};

describe("followBlockEvents", () => {
  it("hands each block event over, parsed", () => {
    const blocks: SignedBlock[] = [];
    followBlockEvents((received) => blocks.push(received), openSource);
    sources[0]!.opens();
    sources[0]!.sendsBlock(block);
    expect(blocks).toEqual([block]);
  });

  it("leaves a stream the node ended to EventSource's own reconnect", async () => {
    followBlockEvents(() => {}, openSource);
    sources[0]!.opens();
    sources[0]!.endsStream();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(sources).toHaveLength(1);
    expect(sources[0]!.isClosedByPage).toBe(false);
  });

  it("opens a refused stream again after a delay that doubles with each refusal in a row", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.999);
    const blocks: SignedBlock[] = [];
    followBlockEvents((received) => blocks.push(received), openSource);
    sources[0]!.refuses();
    await vi.advanceTimersByTimeAsync(9_000);
    expect(sources).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sources).toHaveLength(2);
    sources[1]!.refuses();
    await vi.advanceTimersByTimeAsync(19_000);
    expect(sources).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sources).toHaveLength(3);
    // Once a stream opens, the next refusal waits the first delay again.
    sources[2]!.opens();
    sources[2]!.sendsBlock(block);
    sources[2]!.refuses();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sources).toHaveLength(4);
    // A refused source's events are no longer listened to: only the open one's count.
    sources[0]!.sendsBlock(block);
    expect(blocks).toEqual([block]);
    vi.restoreAllMocks();
  });

  it("stops for good: the open stream is closed and a pending reopen never happens", async () => {
    const stop = followBlockEvents(() => {}, openSource);
    sources[0]!.refuses();
    stop();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(sources).toHaveLength(1);
    const stopOpen = followBlockEvents(() => {}, openSource);
    sources[1]!.opens();
    stopOpen();
    expect(sources[1]!.isClosedByPage).toBe(true);
  });
});

describe("reopenDelayMs", () => {
  it.each([
    [1, 0, 5_000],
    [1, 1, 10_000],
    [2, 0, 10_000],
    [2, 1, 20_000],
    [4, 1, 80_000],
    [5, 1, 120_000],
    [1000, 0, 60_000],
    [1000, 1, 120_000],
  ])("after %i refusals with random %f waits %i ms", (refusals, random, delayMs) => {
    expect(reopenDelayMs(refusals, random)).toBe(delayMs);
  });
});
