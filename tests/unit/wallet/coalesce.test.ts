// The wallet's refresh under a burst of block events: never two fetches at once, a few a second at most, and
// always one that starts after the last event.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { coalesce } from "@/lib/wallet/coalesce";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A task that takes `durationMs` and records when each run started and how many ran at once. */
function recordingTask(durationMs: number) {
  const record = { startsMs: [] as number[], running: 0, runningMax: 0 };
  const task = async () => {
    record.startsMs.push(Date.now());
    record.running += 1;
    record.runningMax = Math.max(record.runningMax, record.running);
    await new Promise((resolve) => setTimeout(resolve, durationMs));
    record.running -= 1;
  };
  return { record, task };
}

describe("coalesce", () => {
  it("runs at once when idle", async () => {
    const { record, task } = recordingTask(10);
    coalesce(task, 250).trigger();
    await vi.advanceTimersByTimeAsync(0);
    expect(record.startsMs).toHaveLength(1);
  });

  it.each([
    ["fetches faster than the interval", 20],
    ["fetches slower than the interval", 400],
  ])(
    "a burst of 500 events a second for 2 s, %s: one at a time, at most 4 a second, one after the last",
    async (_, durationMs) => {
      const { record, task } = recordingTask(durationMs);
      const refresh = coalesce(task, 250);
      const burstStartMs = Date.now();
      for (let event = 0; event < 1000; event++) {
        refresh.trigger();
        await vi.advanceTimersByTimeAsync(2);
      }
      const lastEventMs = Date.now();
      await vi.advanceTimersByTimeAsync(2_000);

      expect(record.runningMax).toBe(1);
      expect(record.running).toBe(0);
      const spanMs = lastEventMs - burstStartMs;
      expect(record.startsMs.length).toBeLessThanOrEqual(Math.ceil(spanMs / 250) + 1);
      expect(record.startsMs.at(-1)).toBeGreaterThanOrEqual(lastEventMs);
      record.startsMs.slice(1).forEach((startMs, index) => {
        expect(startMs - record.startsMs[index]!).toBeGreaterThanOrEqual(250);
      });
    },
  );

  it("a trigger while idle after the interval runs at once; nothing runs once cancelled", async () => {
    const { record, task } = recordingTask(10);
    const refresh = coalesce(task, 250);
    refresh.trigger();
    await vi.advanceTimersByTimeAsync(1_000);
    refresh.trigger();
    await vi.advanceTimersByTimeAsync(0);
    expect(record.startsMs).toHaveLength(2);
    refresh.trigger();
    refresh.cancel();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(record.startsMs).toHaveLength(2);
  });

  it("a failed run does not stop the next", async () => {
    let runs = 0;
    const refresh = coalesce(() => {
      runs += 1;
      return Promise.reject(new Error("the node could not be reached"));
    }, 250);
    refresh.trigger();
    await vi.advanceTimersByTimeAsync(0);
    refresh.trigger();
    await vi.advanceTimersByTimeAsync(250);
    expect(runs).toBe(2);
  });
});
