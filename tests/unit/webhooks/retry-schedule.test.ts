// The retry schedule: the Standard Webhooks suggestion (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), with ±10 %
// jitter, scaled for tests, and no attempt after the eighth.
import { describe, expect, it } from "vitest";
import { deliveryAttemptsMax, endpointRestMs, retryDelayMs, retryDelaysMs } from "@/lib/server/webhooks/retry-schedule";

const minute = 60_000;
const hour = 60 * minute;

describe("the retry schedule", () => {
  it("is the spec's suggested one: 8 attempts over a little more than a day", () => {
    expect(retryDelaysMs).toEqual([5_000, 5 * minute, 30 * minute, 2 * hour, 5 * hour, 10 * hour, 10 * hour]);
    expect(deliveryAttemptsMax).toBe(8);
    const totalMs = retryDelaysMs.reduce((sum, delay) => sum + delay, 0);
    expect(totalMs).toBeGreaterThan(24 * hour);
    expect(totalMs).toBeLessThan(28 * hour);
  });

  it.each([
    [1, 5_000],
    [2, 5 * minute],
    [3, 30 * minute],
    [4, 2 * hour],
    [5, 5 * hour],
    [6, 10 * hour],
    [7, 10 * hour],
  ])("after failed attempt %i waits %i ms, within ±10 %%", (attempts, delayMs) => {
    expect(retryDelayMs(attempts, 1, () => 0.5)).toBe(delayMs);
    expect(retryDelayMs(attempts, 1, () => 0)).toBe(Math.round(delayMs * 0.9));
    expect(retryDelayMs(attempts, 1, () => 0.999_999)).toBeLessThanOrEqual(Math.round(delayMs * 1.1));
    expect(retryDelayMs(attempts, 1, () => 0.999_999)).toBeGreaterThan(delayMs * 1.09);
  });

  it("gives up after the eighth attempt", () => {
    expect(retryDelayMs(8)).toBeNull();
    expect(retryDelayMs(9)).toBeNull();
  });

  it("jitters: random draws spread a delay over the ±10 % band", () => {
    const delays = Array.from({ length: 200 }, () => retryDelayMs(2)!);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0.9 * 5 * minute);
    expect(Math.max(...delays)).toBeLessThanOrEqual(1.1 * 5 * minute);
    expect(new Set(delays).size).toBeGreaterThan(100);
  });

  it("scales the whole schedule, never below 1 ms", () => {
    expect(retryDelayMs(1, 0.001, () => 0.5)).toBe(5);
    expect(retryDelayMs(4, 0.001, () => 0.5)).toBe(7_200);
    expect(retryDelayMs(1, 0.0001, () => 0)).toBe(1);
  });

  it("rests a failing endpoint 1 s, doubling up to a minute", () => {
    expect([0, 1, 2, 3, 6, 7, 8, 40].map((failures) => endpointRestMs(failures))).toEqual([
      0, 1_000, 2_000, 4_000, 32_000, 60_000, 60_000, 60_000,
    ]);
    expect(endpointRestMs(3, 0.01)).toBe(40);
  });
});
