// The per-minute chart's window (app/explorer/_components/charts/busy-minutes.ts): from the first busy minute,
// never fewer than ten minutes, the whole hour when nothing happened.
import { describe, expect, it } from "vitest";
import { fromFirstBusyMinute } from "@/app/explorer/_components/charts/busy-minutes";

const minutes = (counts: number[]) =>
  counts.map((txCount, index) => ({ minuteStart: new Date(Date.UTC(2026, 11, 1, 9, index)).toISOString(), txCount }));

describe("fromFirstBusyMinute", () => {
  it("starts at the first minute with transactions", () => {
    const shown = fromFirstBusyMinute(minutes([...Array<number>(40).fill(0), 5, ...Array<number>(19).fill(1)]));
    expect(shown).toHaveLength(20);
    expect(shown[0]).toEqual({ minuteStart: "2026-12-01T09:40:00.000Z", txCount: 5 });
    expect(shown.at(-1)).toEqual({ minuteStart: "2026-12-01T09:59:00.000Z", txCount: 1 });
  });

  it("shows at least ten minutes when the only busy one is the last", () => {
    const shown = fromFirstBusyMinute(minutes([...Array<number>(59).fill(0), 7]));
    expect(shown.map((minute) => minute.minuteStart.slice(11, 16))).toEqual(
      Array.from({ length: 10 }, (_, i) => `09:${50 + i}`),
    );
  });

  it("shows the whole hour when no minute had a transaction", () => {
    expect(fromFirstBusyMinute(minutes(Array<number>(60).fill(0)))).toHaveLength(60);
  });
});
