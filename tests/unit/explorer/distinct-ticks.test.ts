// An axis never prints one label twice: ticks whose label repeats the one before are left out, the ends stay.
import { describe, expect, it } from "vitest";
import { distinctTicks } from "@/app/explorer/_components/charts/distinct-ticks";

const seconds = new Intl.DateTimeFormat("en", {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

describe("distinctTicks", () => {
  it("spaces ticks evenly from one end to the other when every label differs", () => {
    expect(distinctTicks(0, 40_000, 5, (value) => seconds.format(value))).toEqual([0, 10_000, 20_000, 30_000, 40_000]);
  });

  it("leaves out the ticks of a burst that would say the same second again", () => {
    const ticks = distinctTicks(1_000, 1_800, 5, (value) => seconds.format(value));
    expect(ticks).toEqual([1_000]);
    const labels = distinctTicks(500, 2_500, 5, (value) => seconds.format(value)).map((value) => seconds.format(value));
    expect(labels).toEqual(["00:00:00", "00:00:01", "00:00:02"]);
  });

  it("gives one tick for a single point or an empty span", () => {
    expect(distinctTicks(7, 7, 5, String)).toEqual([7]);
    expect(distinctTicks(Number.NaN, 1, 5, String)).toEqual([Number.NaN]);
  });
});
