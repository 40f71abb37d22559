// The words the explorer's pages print, from pure functions: plurals, times that are the same on the server and
// in the browser, and the per-minute chart's range. (The proof sentence is tested with lib/wallet/format.)
import { describe, expect, it } from "vitest";
import { shortHash } from "@/app/_components/entities/hash-text";
import { countOf } from "@/app/_components/entities/plural";
import { formatUtc, relativeTime } from "@/app/_components/entities/time";
import { fromFirstBusyMinute } from "@/app/explorer/_components/charts";

const transactionNoun = { one: "transaction", other: "transactions" };

describe("countOf", () => {
  it.each([
    [0, "0 transactions"],
    [1, "1 transaction"],
    [2, "2 transactions"],
    [1000, "1,000 transactions"],
  ])("%i is %s", (count, text) => {
    expect(countOf(count, transactionNoun)).toBe(text);
  });
});

describe("formatUtc and relativeTime", () => {
  const iso = "2026-12-01T09:40:25.308Z";
  const atMs = Date.parse(iso);

  it("writes the absolute time in UTC from the ISO string, whatever the time zone", () => {
    expect(formatUtc(iso)).toBe("2026-12-01 09:40:25 UTC");
  });

  it.each([
    [0, "just now"],
    [4_000, "just now"],
    [30_000, "30 s ago"],
    [5 * 60_000, "5 min ago"],
    [3 * 3_600_000, "3 h ago"],
    [86_400_000, "1 day ago"],
    [3 * 86_400_000, "3 days ago"],
    // A clock slightly behind the node's says "just now", not a time in the future.
    [-10_000, "just now"],
  ])("%i ms later says %s", (laterMs, text) => {
    expect(relativeTime(iso, atMs + laterMs)).toBe(text);
  });
});

describe("shortHash", () => {
  it("keeps the first 8 and last 6 characters of a long value, and a short value whole", () => {
    expect(shortHash("0123456789abcdef".repeat(4))).toBe("01234567…abcdef");
    expect(shortHash("0123456789abcdef")).toBe("0123456789abcdef");
  });
});

describe("fromFirstBusyMinute", () => {
  const minutes = (counts: number[]) =>
    counts.map((txCount, index) => ({
      minuteStart: new Date(Date.UTC(2026, 11, 1, 9, index)).toISOString(),
      txCount,
    }));

  it("starts at the first minute with transactions", () => {
    const bars = fromFirstBusyMinute(minutes([...Array<number>(40).fill(0), 5, ...Array<number>(19).fill(1)]));
    expect(bars).toHaveLength(20);
    expect(bars[0]).toEqual({ label: "09:40 UTC", value: 5 });
    expect(bars.at(-1)).toEqual({ label: "09:59 UTC", value: 1 });
  });

  it("shows at least ten minutes when the only busy one is the last", () => {
    const bars = fromFirstBusyMinute(minutes([...Array<number>(59).fill(0), 7]));
    expect(bars.map((bar) => bar.label)).toEqual(Array.from({ length: 10 }, (_, i) => `09:${50 + i} UTC`));
  });

  it("shows the whole hour when no minute had a transaction", () => {
    expect(fromFirstBusyMinute(minutes(Array<number>(60).fill(0)))).toHaveLength(60);
  });
});
