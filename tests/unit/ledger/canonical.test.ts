// RFC 8785 canonical JSON, and the two hashes the protocol takes over it: txId and block hash. Every signature
// in the ledger is over these bytes, so each rule is pinned to an exact string.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { computeBlockHash } from "@/lib/ledger/block";
import { canonicalBytes, canonicalJson } from "@/lib/ledger/canonical";
import { computeTxId, sha256 } from "@/lib/ledger/hash";
import { bytesToHex, hex128Pattern, hex64Pattern, hexToBytes } from "@/lib/ledger/hex";
import type { BlockHeader, Transaction } from "@/lib/ledger/types";

function nodeSha256Hex(text: string): string {
  return createHash("sha256").update(Buffer.from(text, "utf8")).digest("hex");
}

describe("canonicalJson: RFC 8785 examples", () => {
  it("§3.2.3 sorts keys by UTF-16 code units, not by code points", () => {
    // The RFC's own sorting example: the emoji (U+1F600, UTF-16 D83D DE00) sorts before U+FB33 because
    // D83D < FB33, though its code point is larger.
    const input = JSON.parse(
      '{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One",' +
        '"\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}',
    ) as unknown;
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\u{1F600}":"Emoji: Grinning Face","\uFB33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it("§3.2.3: a private-use BMP character sorts after an astral character", () => {
    // Code point order would put U+E000 first (E000 < 1F600); UTF-16 order puts the emoji first (D83D < E000).
    expect(canonicalJson({ "\uE000": 2, "\u{1F600}": 1, "\uFFFF": 3, "~": 0 })).toBe(
      '{"~":0,"😀":1,"\uE000":2,"\uFFFF":3}',
    );
  });

  it("§3.2.2's complete example: literals, numbers and string escapes", () => {
    const input = JSON.parse(
      '{\n  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n' +
        '  "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",\n' +
        '  "literals": [null, true, false]\n}',
    ) as unknown;
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });
});

describe("canonicalJson: structure", () => {
  it("writes no whitespace and sorts the keys of nested objects, keeping array order", () => {
    const value = { b: [3, 1, { z: 1, a: [] }], a: { d: null, c: "x" }, "": true };
    expect(canonicalJson(value)).toBe('{"":true,"a":{"c":"x","d":null},"b":[3,1,{"a":[],"z":1}]}');
  });

  it("does not depend on the order keys were inserted", () => {
    expect(canonicalJson({ b: 1, a: 2, c: 3 })).toBe(canonicalJson({ c: 3, a: 2, b: 1 }));
  });

  it("sorts by code unit, so uppercase comes before lowercase and '10' before '9'", () => {
    expect(canonicalJson({ b: 1, B: 2, a: 3, "9": 4, "10": 5 })).toBe('{"10":5,"9":4,"B":2,"a":3,"b":1}');
  });

  it("leaves out members whose value is undefined, as JSON does", () => {
    expect(canonicalJson({ memo: undefined, amount: "1" })).toBe('{"amount":"1"}');
  });

  it.each([
    { name: "undefined", value: undefined },
    { name: "a function", value: () => 1 },
    { name: "a symbol", value: Symbol("s") },
  ])("refuses $name, which has no JSON form", ({ value }) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it.each([
    { name: "NaN", value: Number.NaN },
    { name: "Infinity", value: Number.POSITIVE_INFINITY },
    { name: "-Infinity", value: Number.NEGATIVE_INFINITY },
    { name: "NaN inside an object", value: { amount: Number.NaN } },
    { name: "a bigint", value: { amount: 1n } },
  ])("refuses $name (RFC 8785 §3.2.2.3)", ({ value }) => {
    expect(() => canonicalJson(value)).toThrow();
  });
});

describe("canonicalJson: numbers (RFC 8785 §3.2.2.3, ECMAScript Number serialisation)", () => {
  it.each([
    { value: 0, text: "0" },
    { value: -0, text: "0" },
    { value: 1, text: "1" },
    { value: -1, text: "-1" },
    { value: 4.5, text: "4.5" },
    { value: 0.002, text: "0.002" },
    { value: 0.000001, text: "0.000001" },
    { value: 1e-7, text: "1e-7" },
    { value: 1e21, text: "1e+21" },
    { value: 1e20, text: "100000000000000000000" },
    { value: 333333333.3333333, text: "333333333.3333333" },
    { value: 9007199254740992, text: "9007199254740992" },
    { value: 295147905179352830000, text: "295147905179352830000" },
    { value: 5e-324, text: "5e-324" },
    { value: 1.7976931348623157e308, text: "1.7976931348623157e+308" },
  ])("$value is written $text", ({ value, text }) => {
    expect(canonicalJson(value)).toBe(text);
    expect(canonicalJson([value])).toBe(`[${text}]`);
  });
});

describe("canonicalJson: strings (RFC 8785 §3.2.2.2)", () => {
  it.each([
    { name: "the short escapes", value: "\b\t\n\f\r", text: '"\\b\\t\\n\\f\\r"' },
    {
      name: "other C0 controls in lowercase \\u form",
      value: "\u0000\u0001\u000b\u000e\u001f",
      text: '"\\u0000\\u0001\\u000b\\u000e\\u001f"',
    },
    { name: "quote and backslash", value: '"\\', text: '"\\"\\\\"' },
    { name: "solidus unescaped", value: "a/b", text: '"a/b"' },
    { name: "DEL and C1 controls as is", value: "\u007f\u0085", text: '"\u007f\u0085"' },
    { name: "non-ASCII as is", value: "é☕€😀", text: '"é☕€😀"' },
    { name: "line and paragraph separators as is", value: "\u2028\u2029", text: '"\u2028\u2029"' },
  ])("$name", ({ value, text }) => {
    expect(canonicalJson(value)).toBe(text);
  });

  it("the bytes are the UTF-8 encoding of the text", () => {
    const value = { memo: "é☕😀" };
    const bytes = canonicalBytes(value);
    expect(bytesToHex(bytes)).toBe(Buffer.from('{"memo":"é☕😀"}', "utf8").toString("hex"));
    expect(bytesToHex(bytes)).toBe(`7b226d656d6f223a22${"c3a9"}${"e29895"}${"f09f9880"}227d`);
  });

  it.each([
    { name: "a lone high surrogate", value: { memo: "a\uD800b" } },
    { name: "a lone low surrogate", value: { memo: "\uDEAD" } },
    { name: "a lone surrogate in a key", value: { "\uD83D": 1 } },
  ])("refuses $name, as RFC 8785 §3.2.2.2 requires", ({ value }) => {
    // "Occurrences of such data MUST cause a compliant JCS implementation to terminate with an appropriate
    // error." Emitting "\udead" instead lets two implementations sign different bytes for the same value.
    expect(() => canonicalJson(value)).toThrow();
  });
});

const tx: Transaction = {
  type: "payment",
  chainId: "chainpay-local",
  from: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
  to: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
  amount: "1250",
  memo: "coffee ☕ für zwei",
  timestamp: "2026-11-25T22:00:00.000Z",
};
const txCanonical =
  '{"amount":"1250","chainId":"chainpay-local","from":"d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",' +
  '"memo":"coffee ☕ für zwei","timestamp":"2026-11-25T22:00:00.000Z",' +
  '"to":"3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c","type":"payment"}';

const header: BlockHeader = {
  version: 1,
  chainId: "chainpay-local",
  height: 12,
  prevHash: "ab".repeat(32),
  merkleRoot: "cd".repeat(32),
  txCount: 37,
  timestamp: "2026-11-25T22:00:00.120Z",
};
const headerCanonical =
  `{"chainId":"chainpay-local","height":12,"merkleRoot":"${"cd".repeat(32)}","prevHash":"${"ab".repeat(32)}",` +
  '"timestamp":"2026-11-25T22:00:00.120Z","txCount":37,"version":1}';

describe("txId and block hash are SHA-256 of the canonical bytes", () => {
  it("a transaction's canonical form is exactly its sorted, unspaced JSON", () => {
    expect(canonicalJson(tx)).toBe(txCanonical);
  });

  it("txId is SHA-256 of those bytes, as lowercase hex64", () => {
    const txId = computeTxId(tx);
    expect(txId).toBe(nodeSha256Hex(txCanonical));
    expect(txId).toMatch(hex64Pattern);
  });

  it("txId does not depend on key order, and a memo of undefined is the same as no memo", () => {
    const reordered: Transaction = {
      timestamp: tx.timestamp,
      to: tx.to,
      memo: tx.memo,
      amount: tx.amount,
      from: tx.from,
      chainId: tx.chainId,
      type: tx.type,
    };
    expect(computeTxId(reordered)).toBe(computeTxId(tx));
    const withoutMemo: Transaction = { ...tx };
    delete withoutMemo.memo;
    expect(computeTxId({ ...tx, memo: undefined })).toBe(computeTxId(withoutMemo));
    expect(computeTxId(withoutMemo)).not.toBe(computeTxId(tx));
  });

  it.each([
    { field: "amount", changed: { amount: "1251" } },
    { field: "memo", changed: { memo: "coffee ☕ für drei" } },
    { field: "timestamp", changed: { timestamp: "2026-11-25T22:00:00.001Z" } },
    { field: "type", changed: { type: "mint" as const } },
  ])("changing $field changes the txId", ({ changed }) => {
    expect(computeTxId({ ...tx, ...changed })).not.toBe(computeTxId(tx));
  });

  it("a block header's canonical form and hash", () => {
    expect(canonicalJson(header)).toBe(headerCanonical);
    expect(computeBlockHash(header)).toBe(nodeSha256Hex(headerCanonical));
  });

  it("sha256 matches node:crypto, including the empty input", () => {
    expect(bytesToHex(sha256(new Uint8Array(0)))).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    expect(bytesToHex(sha256(new TextEncoder().encode("abc")))).toBe(nodeSha256Hex("abc"));
  });
});

describe("hex", () => {
  it("round-trips every byte value", () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, index) => index);
    const hex = bytesToHex(bytes);
    expect(hex).toBe(Buffer.from(bytes).toString("hex"));
    expect(hexToBytes(hex)).toEqual(bytes);
    expect(hexToBytes("")).toEqual(new Uint8Array(0));
  });

  it.each(["ABCD", "aB", "abc", "0g", " 00", "00 ", "0x00"])("hexToBytes refuses %j", (hex) => {
    expect(() => hexToBytes(hex)).toThrow(TypeError);
  });

  it.each([
    {
      pattern: hex64Pattern,
      name: "hex64",
      good: "0".repeat(64),
      bad: ["0".repeat(63), "0".repeat(65), "A".repeat(64), `${"0".repeat(64)}\n`],
    },
    {
      pattern: hex128Pattern,
      name: "hex128",
      good: "f".repeat(128),
      bad: ["f".repeat(127), "f".repeat(129), "F".repeat(128)],
    },
  ])("$name accepts exactly its length in lowercase", ({ pattern, good, bad }) => {
    expect(pattern.test(good)).toBe(true);
    for (const candidate of bad) expect(pattern.test(candidate)).toBe(false);
  });
});
