// `npm run seed`'s progress bar: its width, percentage, counts, rate and time left, and how long times read.
import { describe, expect, it } from "vitest";
import { durationText, progressBar } from "@/scripts/seed/progress";

describe("the seed's progress bar", () => {
  it("draws the share done, the counts, the rate and the time left", () => {
    expect(progressBar(3_750_000, 10_000_000, 11_632)).toBe(
      "[#########---------------]  37.5%  3,750,000 of 10,000,000  11,632/s  8 min 57 s left",
    );
  });

  it("is full at the end, and empty with no rate yet", () => {
    expect(progressBar(10, 10, 5)).toBe("[########################] 100.0%  10 of 10  5/s  0 s left");
    expect(progressBar(0, 10, 0)).toBe("[------------------------]   0.0%  0 of 10  0/s  ? left");
  });

  it("reads times in seconds, minutes or hours", () => {
    expect(durationText(42.4)).toBe("42 s");
    expect(durationText(425)).toBe("7 min 5 s");
    expect(durationText(3_780)).toBe("1 h 3 min");
  });
});
