// The account page's balance over time (lib/explorer/balance-over-time.ts): each entry's balance after, walked
// down from the balance after the newest entry, exactly in bigint, for money received and paid, for mints (the
// node key pays nothing for them), across a page boundary, and refusing figures that were not read together.
import { describe, expect, it } from "vitest";
import { balanceChangeOf, balanceOverTime, type BalanceEntry } from "@/lib/explorer/balance-over-time";

const me = "aa".repeat(32);
const other = "bb".repeat(32);
const nodeKey = "cc".repeat(32);

let clock = Date.UTC(2026, 11, 1, 9, 0);
function entry(txId: string, type: "mint" | "payment", from: string, to: string, amount: string): BalanceEntry {
  clock += 60_000;
  return { txId, tx: { type, from, to, amount, timestamp: new Date(clock).toISOString() } };
}

// Oldest first, as they happened: a mint of 100.00, 30.00 paid, 5.50 received, 0.01 paid.
const history = [
  entry("t1", "mint", nodeKey, me, "10000"),
  entry("t2", "payment", me, other, "3000"),
  entry("t3", "payment", other, me, "550"),
  entry("t4", "payment", me, other, "1"),
];
const newestFirst = [...history].reverse();
const balanceNow = 10000n - 3000n + 550n - 1n;

describe("balanceChangeOf", () => {
  it("adds what the account receives and takes away what it pays", () => {
    expect(balanceChangeOf(me, history[1]!.tx)).toBe(-3000n);
    expect(balanceChangeOf(me, history[2]!.tx)).toBe(550n);
    expect(balanceChangeOf(other, history[1]!.tx)).toBe(3000n);
  });

  it("gives a mint to its payee and costs the node key nothing", () => {
    expect(balanceChangeOf(me, history[0]!.tx)).toBe(10000n);
    expect(balanceChangeOf(nodeKey, history[0]!.tx)).toBe(0n);
  });

  it("is exact beyond a float's 2^53", () => {
    const huge = entry("h", "payment", other, me, "123456789012345678901234567890");
    expect(balanceChangeOf(me, huge.tx)).toBe(123456789012345678901234567890n);
  });
});

describe("balanceOverTime", () => {
  it("gives each entry's balance after, oldest first, ending at the balance now", () => {
    const walk = balanceOverTime(me, balanceNow, newestFirst);
    expect(walk.points.map((point) => [point.txId, point.changeMinor, point.balanceAfterMinor])).toEqual([
      ["t1", 10000n, 10000n],
      ["t2", -3000n, 7000n],
      ["t3", 550n, 7550n],
      ["t4", -1n, 7549n],
    ]);
    expect(walk.points.map((point) => point.timestamp)).toEqual(history.map((item) => item.tx.timestamp));
    expect(walk.balanceBeforeOldestMinor).toBe(0n);
  });

  it("walks the payee's side of the same payments", () => {
    const walk = balanceOverTime(other, 3000n - 550n + 1n, newestFirst.slice(0, 3));
    expect(walk.points.map((point) => point.balanceAfterMinor)).toEqual([3000n, 2450n, 2451n]);
    expect(walk.balanceBeforeOldestMinor).toBe(0n);
  });

  it("continues exactly across a page boundary: the older page starts where the newer one stopped", () => {
    const whole = balanceOverTime(me, balanceNow, newestFirst);
    const newerPage = balanceOverTime(me, balanceNow, newestFirst.slice(0, 2));
    const olderPage = balanceOverTime(me, newerPage.balanceBeforeOldestMinor, newestFirst.slice(2));
    expect(newerPage.balanceBeforeOldestMinor).toBe(7000n);
    expect([...olderPage.points, ...newerPage.points]).toEqual(whole.points);
    expect(olderPage.balanceBeforeOldestMinor).toBe(0n);
  });

  it("keeps a balance that had money before the page's oldest entry", () => {
    const walk = balanceOverTime(me, balanceNow + 500n, newestFirst);
    expect(walk.balanceBeforeOldestMinor).toBe(500n);
    expect(walk.points.at(-1)!.balanceAfterMinor).toBe(balanceNow + 500n);
  });

  it("is exact for balances no float holds", () => {
    const big = 2n ** 80n + 1n;
    const walk = balanceOverTime(me, big, [entry("b", "payment", me, other, "1")]);
    expect(walk.points[0]!.balanceAfterMinor).toBe(big);
    expect(walk.balanceBeforeOldestMinor).toBe(big + 1n);
  });

  it("has nothing to draw for an empty page", () => {
    expect(balanceOverTime(me, 42n, [])).toEqual({ points: [], balanceBeforeOldestMinor: 42n });
  });

  it("stops when the balance and the entries cannot belong together", () => {
    // A balance read before the last payment arrived: walking down would go below zero.
    expect(() => balanceOverTime(me, 100n, newestFirst)).toThrow(/below zero/);
  });
});
