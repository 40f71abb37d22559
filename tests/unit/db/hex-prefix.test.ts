import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { byteRangeOfHexPrefix } from "@/lib/db/keys/hex-prefix";

const hex = (bytes: Buffer | null) => (bytes === null ? null : bytes.toString("hex"));

/** Whether `key` lies in the prefix's range, compared as the databases compare bytes. */
function isInRange(prefix: string, key: Buffer): boolean {
  const { from, below } = byteRangeOfHexPrefix(prefix);
  return Buffer.compare(key, from) >= 0 && (below === null || Buffer.compare(key, below) < 0);
}

describe("byteRangeOfHexPrefix", () => {
  it.each([
    ["ab", "ab", "ac"],
    ["abc", "abc0", "abd0"],
    ["aff", "aff0", "b0"],
    ["00", "00", "01"],
    ["0", "00", "10"],
    ["12ff", "12ff", "13"],
    ["f", "f0", null],
    ["ffff", "ffff", null],
    ["", "", null],
  ])("%j covers [%s, %s)", (prefix, from, below) => {
    const range = byteRangeOfHexPrefix(prefix);
    expect(hex(range.from)).toBe(from);
    expect(hex(range.below)).toBe(below);
  });

  it("holds exactly the keys whose hex starts with the prefix", () => {
    const edges = ["ab", "abff", "ac", "ab00", "aaff", "abcf", "abd0", "abc0", "abbf", "ff", "ffff", "00"];
    const keys = [
      ...edges.map((text) => Buffer.from(text, "hex")),
      ...Array.from({ length: 500 }, () => randomBytes(3)),
    ];
    for (const prefix of ["ab", "abc", "abf", "a", "f", "ff", "0", "abcf"]) {
      for (const key of keys) {
        expect(isInRange(prefix, key), `${prefix} / ${key.toString("hex")}`).toBe(
          key.toString("hex").startsWith(prefix),
        );
      }
    }
  });

  it("refuses what is not lowercase hex", () => {
    expect(() => byteRangeOfHexPrefix("AB")).toThrow(TypeError);
    expect(() => byteRangeOfHexPrefix("xyz")).toThrow(TypeError);
  });
});
