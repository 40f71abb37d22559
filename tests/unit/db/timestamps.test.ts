// The stores keep a block's and a transaction's timestamp as integer milliseconds since the epoch and answer it
// as the protocol's ISO 8601 text (lib/db/rows.ts): every text the node accepts must come back byte for byte.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoOfMilliseconds, millisecondsOfIso } from "@/lib/db/rows";
import { isIsoTimestamp } from "@/lib/ledger/transaction";

describe("a stored timestamp", () => {
  it("comes back as the text it was, for every instant the protocol's format can write", () => {
    // Years 0000 to 9999: what four digits hold, before 1970 as after.
    const instants = fc.integer({
      min: Date.parse("0000-01-01T00:00:00.000Z"),
      max: Date.parse("9999-12-31T23:59:59.999Z"),
    });
    fc.assert(
      fc.property(instants, (milliseconds) => {
        const iso = new Date(milliseconds).toISOString();
        expect(isIsoTimestamp(iso)).toBe(true);
        expect(millisecondsOfIso(iso)).toBe(milliseconds);
        expect(isoOfMilliseconds(millisecondsOfIso(iso))).toBe(iso);
        expect(isoOfMilliseconds(BigInt(milliseconds))).toBe(iso);
      }),
    );
  });

  it("is read as whichever driver gives it, a number or a bigint", () => {
    expect(isoOfMilliseconds(1577836800000)).toBe("2020-01-01T00:00:00.000Z");
    expect(isoOfMilliseconds(1577836800123n)).toBe("2020-01-01T00:00:00.123Z");
    expect(isoOfMilliseconds(-1)).toBe("1969-12-31T23:59:59.999Z");
  });

  it("refuses to store a text it could not give back the same, or one the protocol does not write", () => {
    for (const text of [
      "2020-01-01T00:00:00Z",
      "2020-01-01T00:00:00.1230Z",
      "2020-01-01T09:00:00.000+09:00",
      "2020-02-30T00:00:00.000Z",
      // toISOString's own form past the year 9999, which the protocol's four digits do not allow.
      "+012020-01-01T00:00:00.000Z",
      "2020-01-01",
      "soon",
    ]) {
      expect(() => millisecondsOfIso(text), text).toThrow(TypeError);
    }
  });
});
