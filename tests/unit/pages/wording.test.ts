// The words the explorer's pages print, from pure functions: plurals, times that are the same on the server and
// in the browser. (The per-minute chart's range is tested in tests/unit/explorer; the proof sentence is tested with lib/wallet/format.)
import { describe, expect, it } from "vitest";
import { shortHash } from "@/app/_components/entities/hash-text";
import { countOf } from "@/app/_components/entities/plural";
import { formatUtc, relativeTime } from "@/app/_components/entities/time";

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
    [0, "now"],
    [4_000, "now"],
    [30_000, "30 seconds ago"],
    [5 * 60_000, "5 minutes ago"],
    [3 * 3_600_000, "3 hours ago"],
    [86_400_000, "yesterday"],
    [3 * 86_400_000, "3 days ago"],
    // A clock slightly behind the node's says "now", not a time in the future.
    [-10_000, "now"],
  ])("%i ms later says %s", (laterMs, text) => {
    expect(relativeTime(iso, atMs + laterMs)).toBe(text);
  });

  it("says it in the reader's language (Intl.RelativeTimeFormat)", () => {
    expect(relativeTime(iso, atMs + 5 * 60_000, "ko-KR")).toBe("5분 전");
  });
});

describe("shortHash", () => {
  it("keeps the first 8 and last 6 characters of a long value, and a short value whole", () => {
    expect(shortHash("0123456789abcdef".repeat(4))).toBe("01234567…abcdef");
    expect(shortHash("0123456789abcdef")).toBe("0123456789abcdef");
  });
});
