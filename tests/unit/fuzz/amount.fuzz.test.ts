// Property-based tests of money (lib/ledger/amount.ts): every protocol amount string parses to exactly its bigint
// and back, every near miss (a float, an exponent, a sign, a leading zero, a 17th digit, non-ASCII digits) is
// refused, and a person's major units round-trip through formatMinorUnits for every bigint and decimals count.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatMinorUnits, isAmountString, parseAmountMinor, parseMajorUnits } from "@/lib/ledger/amount";
import { balanceMinorMax, currencyDecimalsMax } from "@/lib/ledger/limits";

/** Time for a property on a machine whose cores other work shares; each takes well under a second when it is idle. */
const propertyTimeoutMs = 60_000;

const numRuns = 500;

/** The protocol's amounts: 1 to 16 digits, so 1 … 10^16 − 1. */
const amountMinorMax = 10n ** 16n - 1n;
const amountMinor = fc.bigInt({ min: 1n, max: amountMinorMax });
const decimals = fc.integer({ min: 0, max: currencyDecimalsMax });

/** Ways to write a number that a protocol amount string is not. */
const nearMiss = fc.oneof(
  amountMinor.map((n) => `0${n}`),
  amountMinor.map((n) => `-${n}`),
  amountMinor.map((n) => `+${n}`),
  fc.tuple(amountMinor, fc.nat({ max: 99 })).map(([n, fraction]) => `${n}.${fraction}`),
  amountMinor.map((n) => `${n}.`),
  amountMinor.map((n) => `.${n}`),
  fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 20 })).map(([m, e]) => `${m}e${e}`),
  fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 20 })).map(([m, e]) => `${m}E+${e}`),
  fc.bigInt({ min: 10n ** 16n, max: 10n ** 30n }).map(String),
  amountMinor.map((n) => ` ${n}`),
  amountMinor.map((n) => `${n}\n`),
  amountMinor.map((n) => `${n}n`),
  amountMinor.map((n) => `0x${n.toString(16)}`),
  fc.bigInt({ min: 1000n, max: amountMinorMax }).map((n) => n.toLocaleString("en-US")),
  // Arabic-Indic and full-width digits: \d in a unicode-aware pattern would take them; BigInt would not.
  amountMinor.map((n) => [...String(n)].map((d) => String.fromCharCode(0x0660 + Number(d))).join("")),
  amountMinor.map((n) => [...String(n)].map((d) => String.fromCharCode(0xff10 + Number(d))).join("")),
  fc.constantFrom("", "0", "00", "-0", "Infinity", "NaN", "1_000", "١"),
);

describe("protocol amount strings", { timeout: propertyTimeoutMs }, () => {
  it("parse to exactly their bigint, and the bigint writes them back", () => {
    fc.assert(
      fc.property(amountMinor, (n) => {
        const text = n.toString();
        expect(isAmountString(text)).toBe(true);
        expect(parseAmountMinor(text)).toBe(n);
      }),
      { numRuns },
    );
  });

  it("hold the range's ends", () => {
    expect(parseAmountMinor("1")).toBe(1n);
    expect(parseAmountMinor(amountMinorMax.toString())).toBe(amountMinorMax);
    expect(isAmountString((amountMinorMax + 1n).toString())).toBe(false);
  });

  it("refuse floats, exponents, signs, leading zeros, too many digits and other digits", () => {
    fc.assert(
      fc.property(nearMiss, (text) => {
        expect(isAmountString(text)).toBe(false);
        expect(() => parseAmountMinor(text)).toThrow(RangeError);
      }),
      { numRuns },
    );
  });

  it("refuse any string that is not its bigint's own decimal form", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 20 }), (text) => {
        const isCanonicalDecimal = /^[0-9]+$/.test(text) && BigInt(text).toString() === text;
        const isInRange = isCanonicalDecimal && BigInt(text) >= 1n && BigInt(text) <= amountMinorMax;
        expect(isAmountString(text)).toBe(isInRange);
      }),
      { numRuns },
    );
  });
});

describe("major units, as a person writes them", { timeout: propertyTimeoutMs }, () => {
  it("round-trip through formatMinorUnits for every bigint up to the balance limit and every decimals count", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: balanceMinorMax }), decimals, (n, places) => {
        const text = formatMinorUnits(n, places);
        expect(parseMajorUnits(text, places)).toBe(n);
        // Exactly `places` fraction digits, and no point at all without them.
        expect(text.split(".")[1]?.length ?? 0).toBe(places);
        expect(text.includes(".")).toBe(places > 0);
      }),
      { numRuns },
    );
  });

  it("read the same without the thousands separators", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: balanceMinorMax }), decimals, (n, places) => {
        expect(parseMajorUnits(formatMinorUnits(n, places).replace(/,/g, ""), places)).toBe(n);
      }),
      { numRuns },
    );
  });

  it("pad a shorter fraction and refuse a longer one", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), decimals, fc.nat({ max: 12 }), (whole, places, digits) => {
        const fraction = "7".repeat(digits);
        const parsed = parseMajorUnits(`${whole}.${fraction}`, places);
        if (digits > places) expect(parsed).toBeNull();
        else expect(parsed).toBe(whole * 10n ** BigInt(places) + BigInt(fraction.padEnd(places, "0") || "0"));
      }),
      { numRuns },
    );
  });

  it("refuse negatives, exponents, signs, two points and misplaced separators", () => {
    const refused = fc.oneof(
      fc.bigInt({ min: 1n, max: balanceMinorMax }).map((n) => formatMinorUnits(-n, 2)),
      fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 9 })).map(([m, e]) => `${m}e${e}`),
      fc.nat().map((n) => `+${n}`),
      fc.tuple(fc.nat(), fc.nat(), fc.nat()).map(([a, b, c]) => `${a}.${b}.${c}`),
      fc.integer({ min: 1000, max: 9999 }).map((n) => `${String(n).slice(0, 2)},${String(n).slice(2)}`),
      fc.integer({ min: 1, max: 999 }).map((n) => `${n},`),
      fc.constantFrom("", ".", ",", "1,,000", ",100", "1 000", "NaN", "Infinity", "0x10", "١٢"),
    );
    fc.assert(
      fc.property(refused, decimals, (text, places) => {
        expect(parseMajorUnits(text, places)).toBeNull();
      }),
      { numRuns },
    );
  });

  it("format negatives with a sign and the same digits", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: balanceMinorMax }), decimals, (n, places) => {
        expect(formatMinorUnits(-n, places)).toBe(`-${formatMinorUnits(n, places)}`);
      }),
      { numRuns },
    );
  });
});
