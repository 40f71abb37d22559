// How the wallet words numbers and places for people: the receipt's place in its block says the protocol's
// 0-based leaf index, and counts its hashes in plain English.
import { describe, expect, it } from "vitest";
import { describeLeafPlace, formatTime } from "@/lib/wallet/format";

const hash = "00".repeat(32);

describe("describeLeafPlace", () => {
  it.each([
    [0, 1, 0, "Leaf 0 of 1: the transaction's leaf is the root itself"],
    [1, 2, 1, "Leaf 1 of 2, proven by 1 hash"],
    [0, 3, 2, "Leaf 0 of 3, proven by 2 hashes"],
    [2, 3, 1, "Leaf 2 of 3, proven by 1 hash"],
  ])("leaf %i of %i with %i hashes", (leafIndex, treeSize, hashCount, expected) => {
    expect(describeLeafPlace({ leafIndex, treeSize, path: Array<string>(hashCount).fill(hash) })).toBe(expected);
  });
});

describe("formatTime", () => {
  it("formats in the zone it is given, the same wherever it runs", () => {
    expect(formatTime("2026-11-25T22:00:00.000Z", { timeZone: "UTC" })).toBe("Nov 25, 2026, 10:00 PM");
    expect(formatTime("2026-11-25T22:00:00.000Z", { timeZone: "Pacific/Auckland" })).toBe("Nov 26, 2026, 11:00 AM");
  });
});

describe("formatTime in a locale", () => {
  it("writes Korean dates in Korean order", () => {
    expect(formatTime("2026-11-25T22:00:00.000Z", { timeZone: "UTC", locale: "ko-KR" })).toMatch(/^2026\. 11\. 25\./);
  });
});
