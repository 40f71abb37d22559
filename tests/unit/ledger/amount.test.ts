// Money is exact: amounts are integer minor units, parsed and formatted as text and bigint, never as floats.
import { describe, expect, it } from "vitest";
import { formatMinorUnits, isAmountString, parseAmountMinor, parseMajorUnits } from "@/lib/ledger/amount";

describe("protocol amount strings", () => {
  it.each(["1", "9", "10", "1250", "1000000", "9999999999999999"])("%j is an amount", (value) => {
    expect(isAmountString(value)).toBe(true);
    expect(parseAmountMinor(value)).toBe(BigInt(value));
  });

  it.each([
    { value: "", why: "empty" },
    { value: "0", why: "zero" },
    { value: "00", why: "zeros" },
    { value: "01", why: "a leading zero" },
    { value: "-1", why: "negative" },
    { value: "+1", why: "signed" },
    { value: "1.5", why: "a fraction" },
    { value: "1e3", why: "an exponent" },
    { value: " 1", why: "leading space" },
    { value: "1 ", why: "trailing space" },
    { value: "1\n", why: "a trailing newline" },
    { value: "12345678901234567", why: "17 digits" },
    { value: "0x10", why: "hexadecimal" },
    { value: "١٢", why: "non-ASCII digits" },
  ])("$value is refused ($why)", ({ value }) => {
    expect(isAmountString(value)).toBe(false);
    expect(() => parseAmountMinor(value)).toThrow(RangeError);
  });

  it("16-digit amounts stay exact, beyond the 2^53 a float holds", () => {
    expect(parseAmountMinor("9007199254740993")).toBe(9007199254740993n);
    expect(Number("9007199254740993")).toBe(9007199254740992);
    expect(parseAmountMinor("9999999999999999")).toBe(9999999999999999n);
  });
});

describe("parseMajorUnits", () => {
  it.each([
    { text: "12.5", decimals: 2, minor: 1250n },
    { text: "12.50", decimals: 2, minor: 1250n },
    { text: "12", decimals: 2, minor: 1200n },
    { text: "12.", decimals: 2, minor: 1200n },
    { text: "1,234.5", decimals: 2, minor: 123450n },
    { text: "  12.5  ", decimals: 2, minor: 1250n },
    { text: "0", decimals: 2, minor: 0n },
    { text: "0.01", decimals: 2, minor: 1n },
    { text: "007.50", decimals: 2, minor: 750n },
    { text: "12", decimals: 0, minor: 12n },
    { text: "12.", decimals: 0, minor: 12n },
    { text: "1.234", decimals: 3, minor: 1234n },
    { text: "0.001", decimals: 3, minor: 1n },
    { text: "5", decimals: 3, minor: 5000n },
  ])("$text with $decimals decimals is $minor minor units", ({ text, decimals, minor }) => {
    expect(parseMajorUnits(text, decimals)).toBe(minor);
  });

  // Each of these is a textbook floating-point trap: Number(text) * 100 is not the whole number it should be.
  it.each([
    { text: "0.07", minor: 7n },
    { text: "0.29", minor: 29n },
    { text: "1.13", minor: 113n },
    { text: "4.35", minor: 435n },
    { text: "19.99", minor: 1999n },
    { text: "1.005", decimals: 3, minor: 1005n },
  ])("$text is exact where floating point is not", ({ text, minor, decimals = text.split(".")[1]!.length }) => {
    expect(Number.isInteger(Number(text) * 10 ** decimals)).toBe(false);
    expect(parseMajorUnits(text, decimals)).toBe(minor);
  });

  it.each([
    { text: "99999999999999.99", decimals: 2, minor: 9999999999999999n },
    { text: "9999999999999999", decimals: 0, minor: 9999999999999999n },
    { text: "9999999999999.999", decimals: 3, minor: 9999999999999999n },
    { text: "90071992547409.93", decimals: 2, minor: 9007199254740993n },
  ])("16-digit $text with $decimals decimals stays exact", ({ text, decimals, minor }) => {
    expect(parseMajorUnits(text, decimals)).toBe(minor);
  });

  it.each([
    { text: "1.005", decimals: 2, why: "too many fraction digits" },
    { text: "12.0", decimals: 0, why: "a fraction where the currency has none" },
    { text: "0.0001", decimals: 3, why: "too many fraction digits" },
    { text: "", decimals: 2, why: "empty" },
    { text: "   ", decimals: 2, why: "blank" },
    { text: "-1", decimals: 2, why: "negative" },
    { text: "-0.5", decimals: 2, why: "negative" },
    { text: "+1", decimals: 2, why: "signed" },
    { text: "1e3", decimals: 2, why: "an exponent" },
    { text: "1E-2", decimals: 2, why: "an exponent" },
    { text: ".5", decimals: 2, why: "no whole part" },
    { text: "1.2.3", decimals: 2, why: "two separators" },
    { text: "abc", decimals: 2, why: "not a number" },
    { text: "Infinity", decimals: 2, why: "not a number" },
    { text: "NaN", decimals: 2, why: "not a number" },
    { text: "0x10", decimals: 2, why: "hexadecimal" },
    { text: "١٢", decimals: 2, why: "non-ASCII digits" },
    { text: "1 000", decimals: 2, why: "a space inside" },
  ])("$text with $decimals decimals is refused ($why)", ({ text, decimals }) => {
    expect(parseMajorUnits(text, decimals)).toBeNull();
  });
});

describe("formatMinorUnits", () => {
  it.each([
    { minor: 0n, decimals: 2, text: "0.00" },
    { minor: 7n, decimals: 2, text: "0.07" },
    { minor: 1250n, decimals: 2, text: "12.50" },
    { minor: 99999n, decimals: 2, text: "999.99" },
    { minor: 123456n, decimals: 2, text: "1,234.56" },
    { minor: 9999999999999999n, decimals: 2, text: "99,999,999,999,999.99" },
    { minor: 0n, decimals: 0, text: "0" },
    { minor: 5n, decimals: 0, text: "5" },
    { minor: 1234n, decimals: 0, text: "1,234" },
    { minor: 9007199254740993n, decimals: 0, text: "9,007,199,254,740,993" },
    { minor: 1n, decimals: 3, text: "0.001" },
    { minor: 1234567n, decimals: 3, text: "1,234.567" },
    { minor: -1250n, decimals: 2, text: "-12.50" },
    { minor: -5n, decimals: 3, text: "-0.005" },
    { minor: 2n ** 63n - 1n, decimals: 2, text: "92,233,720,368,547,758.07" },
  ])("$minor with $decimals decimals is $text", ({ minor, decimals, text }) => {
    expect(formatMinorUnits(minor, decimals)).toBe(text);
  });
});

describe("parseMajorUnits and formatMinorUnits round trips", () => {
  const decimalsCases = [0, 2, 3];

  it.each(decimalsCases)("with %i decimals, amounts below 1,000 major units read back exactly", (decimals) => {
    const scale = 10n ** BigInt(decimals);
    const samples = [0n, 1n, 7n, 10n, 99n, 100n, 101n, 999n, scale - 1n, scale, 999n * scale + (scale - 1n)];
    for (const minor of samples) {
      const text = formatMinorUnits(minor, decimals);
      expect(parseMajorUnits(text, decimals)).toBe(minor);
    }
  });

  it.each(decimalsCases)("with %i decimals, typed text reads and formats back to itself", (decimals) => {
    const typed =
      decimals === 0
        ? ["0", "1", "42", "999"]
        : decimals === 2
          ? ["0.07", "12.50", "999.99"]
          : ["0.001", "1.234", "999.999"];
    for (const text of typed) {
      const minor = parseMajorUnits(text, decimals);
      expect(minor).not.toBeNull();
      expect(formatMinorUnits(minor!, decimals)).toBe(text);
    }
  });

  // A wallet shows balances with formatMinorUnits and reads amounts with parseMajorUnits; what it shows must
  // be an amount it reads back as the same value, however large.
  it.each(decimalsCases)(
    "with %i decimals, amounts of 1,000 major units and more (up to 16 digits) read back exactly",
    (decimals) => {
      const scale = 10n ** BigInt(decimals);
      for (const minor of [1000n * scale, 123456n * scale + 1n, 9999999999999999n]) {
        const text = formatMinorUnits(minor, decimals);
        expect({ text, minor: parseMajorUnits(text, decimals) }).toEqual({ text, minor });
      }
    },
  );

  it("a comma is never read as a decimal point where the formatter writes it as a thousands separator", () => {
    // formatMinorUnits(1234000n, 3) writes one thousand two hundred thirty-four as "1,234.000"; a person who types
    // "1,234" means that amount, not 1.234.
    expect(formatMinorUnits(1234000n, 3)).toBe("1,234.000");
    expect([null, 1234000n]).toContain(parseMajorUnits("1,234", 3));
  });
});
