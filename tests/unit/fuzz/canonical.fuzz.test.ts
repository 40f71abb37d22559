// Property-based tests of canonical JSON (lib/ledger/canonical.ts): for random JSON values its output is RFC 8785
// canonical, as a small reference written here from the RFC's own text says (not from the `canonicalize` package
// the code uses, which would check the package against itself), it parses back to the value, is idempotent, does
// not depend on key order, and refuses what RFC 8785 refuses (lone surrogates, NaN, infinities).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalBytes, canonicalJson } from "@/lib/ledger/canonical";

/** Runs per property: enough to reach deep and odd values, bounded so that the suite stays quick. */
/** Time for a property on a machine whose cores other work shares; each takes well under a second when it is idle. */
const propertyTimeoutMs = 60_000;

const numRuns = 300;

/** RFC 8785 §3.2.2.2: only `"`, `\` and the C0 controls are escaped, the short forms where JSON has them. */
function referenceString(text: string): string {
  const short: Record<number, string> = { 0x08: "\\b", 0x09: "\\t", 0x0a: "\\n", 0x0c: "\\f", 0x0d: "\\r" };
  let out = '"';
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit === 0x22) out += '\\"';
    else if (unit === 0x5c) out += "\\\\";
    else if (short[unit] !== undefined) out += short[unit];
    else if (unit < 0x20) out += `\\u${unit.toString(16).padStart(4, "0")}`;
    else out += text[index];
  }
  return `${out}"`;
}

/** RFC 8785 §3.2.3: keys sorted by their UTF-16 code units, compared one unit at a time. */
function compareUtf16(a: string, b: string): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const difference = a.charCodeAt(index) - b.charCodeAt(index);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

/** RFC 8785 §3.2.2.3: numbers as ECMAScript's Number.prototype.toString writes them; -0 is 0. */
function referenceCanonical(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return Object.is(value, -0) ? "0" : String(value);
  if (typeof value === "string") return referenceString(value);
  if (Array.isArray(value)) return `[${value.map(referenceCanonical).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => compareUtf16(a, b));
  return `{${entries.map(([key, item]) => `${referenceString(key)}:${referenceCanonical(item)}`).join(",")}}`;
}

/** The same value with every object's keys in another order (`order` picks, for each object, a rotation). */
function reorderKeys(value: unknown, order: number): unknown {
  if (Array.isArray(value)) return value.map((item) => reorderKeys(item, order));
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value);
  const shift = entries.length === 0 ? 0 : order % entries.length;
  const rotated = [...entries.slice(shift), ...entries.slice(0, shift)].reverse();
  const result: Record<string, unknown> = {};
  // defineProperty, not assignment: a "__proto__" key must stay an own key, as JSON.parse makes it.
  for (const [key, item] of rotated)
    Object.defineProperty(result, key, { value: reorderKeys(item, order + 1), enumerable: true, writable: true });
  return result;
}

/** JSON itself cannot tell -0 from 0, so neither can a round trip through it. */
function withoutNegativeZero(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/** JSON values whose strings are any well-formed Unicode (astral characters included) or ASCII with controls. */
const jsonValue = fc.oneof(
  fc.jsonValue({ maxDepth: 6, stringUnit: "grapheme" }),
  fc.jsonValue({ maxDepth: 6, stringUnit: "binary-ascii" }),
);

/** Strings with at least one UTF-16 surrogate that has no partner. */
const loneSurrogateString = fc
  .tuple(
    fc.string({ unit: "grapheme", maxLength: 8 }),
    fc.integer({ min: 0xd800, max: 0xdfff }),
    fc.string({ unit: "grapheme-ascii", maxLength: 8 }),
  )
  .map(([before, unit, after]) => before + String.fromCharCode(unit) + after)
  // A high surrogate at the end of `before` or a low one starting `after` cannot happen: those are whole graphemes.
  .filter((text) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text));

describe("canonical JSON (RFC 8785) on random values", { timeout: propertyTimeoutMs }, () => {
  it("is what the RFC's rules give, byte for byte", () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        expect(canonicalJson(value)).toBe(referenceCanonical(value));
      }),
      { numRuns },
    );
  });

  it("parses back to the value it was made from", () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(withoutNegativeZero(value));
      }),
      { numRuns },
    );
  });

  it("is idempotent: the canonical form of a parsed canonical form is itself", () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        const once = canonicalJson(value);
        expect(canonicalJson(JSON.parse(once))).toBe(once);
      }),
      { numRuns },
    );
  });

  it("does not depend on the order of an object's keys", () => {
    fc.assert(
      fc.property(jsonValue, fc.nat(), (value, order) => {
        expect(canonicalJson(reorderKeys(value, order))).toBe(canonicalJson(value));
      }),
      { numRuns },
    );
  });

  it("is the same value whatever whitespace the JSON text it came from had", () => {
    fc.assert(
      fc.property(jsonValue, fc.constantFrom(1, 2, "\t", " \n "), (value, indent) => {
        expect(canonicalJson(JSON.parse(JSON.stringify(value, null, indent)))).toBe(canonicalJson(value));
      }),
      { numRuns },
    );
  });

  it("writes UTF-8 bytes of exactly its text", () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        expect(new TextDecoder("utf-8", { fatal: true }).decode(canonicalBytes(value))).toBe(canonicalJson(value));
      }),
      { numRuns },
    );
  });

  it("refuses a lone surrogate anywhere: in a string, a nested one, or a key", () => {
    fc.assert(
      fc.property(loneSurrogateString, fc.constantFrom("value", "nested", "key"), (text, where) => {
        const value = where === "value" ? text : where === "nested" ? { a: [1, { b: text }] } : { [text]: 1 };
        expect(() => canonicalJson(value)).toThrow(TypeError);
      }),
      { numRuns },
    );
  });

  it("refuses numbers JSON has no form for", () => {
    fc.assert(
      fc.property(fc.constantFrom(Number.NaN, Infinity, -Infinity), fc.boolean(), (number, isNested) => {
        expect(() => canonicalJson(isNested ? { amount: [number] } : number)).toThrow();
      }),
      { numRuns: 20 },
    );
  });
});

describe("canonical JSON, the RFC 8785 examples", () => {
  it("sorts keys by UTF-16 code units (§3.2.3)", () => {
    const value = {
      "€": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "😀": "Emoji: Grinning Face",
      "\u0080": "Control",
      ö: "Latin Small Letter O With Diaeresis",
    };
    expect(canonicalJson(value).match(/"([^"]*)":/g)).toEqual([
      '"\\r":',
      '"1":',
      '"\u0080":',
      '"ö":',
      '"€":',
      '"😀":',
      '"\ufb33":',
    ]);
  });

  it.each([
    [0, "0"],
    [-0, "0"],
    [5e-324, "5e-324"],
    [1.7976931348623157e308, "1.7976931348623157e+308"],
    [9007199254740992, "9007199254740992"],
    [295147905179352830000, "295147905179352830000"],
    [1e21, "1e+21"],
    [1e23, "1e+23"],
    [0.000001, "0.000001"],
    [1e-7, "1e-7"],
    [333333333.3333333, "333333333.3333333"],
  ])("writes the number %d as %s (Appendix B)", (number, text) => {
    expect(canonicalJson(number)).toBe(text);
  });
});
