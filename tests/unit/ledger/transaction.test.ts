// The rules of a single transaction that need no ledger state: memo, timestamp format and freshness, signer.
import { describe, expect, it } from "vitest";
import { canonicalBytes } from "@/lib/ledger/canonical";
import { memoCodePointsMax, timestampSkewMaxMs } from "@/lib/ledger/limits";
import {
  isIsoTimestamp,
  isTimestampFresh,
  memoProblem,
  signerOf,
  verifyTransactionSignature,
} from "@/lib/ledger/transaction";
import { verifyWithWebCrypto } from "@/lib/ledger/ed25519";
import { flipHexBit, mint, namedKey, payment, verifyNodeSync } from "../support/keys";

const tooLong = `memo must be at most ${memoCodePointsMax} characters`;
const controlCharacter = "memo must not contain control characters";
const malformed = "memo must be well-formed Unicode";

describe("memoProblem", () => {
  const grinning = "\u{1F600}";
  const family = "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}"; // one grapheme, five code points

  it("the limit is 140 code points", () => {
    expect(memoCodePointsMax).toBe(140);
  });

  it.each([
    { name: "empty", memo: "" },
    { name: "a word", memo: "coffee" },
    { name: "140 ASCII characters", memo: "a".repeat(140) },
    { name: "140 emoji, each one code point but two UTF-16 units", memo: grinning.repeat(140) },
    { name: "139 ASCII characters and an emoji", memo: `${"a".repeat(139)}${grinning}` },
    { name: "28 five-code-point family emoji (140 code points)", memo: family.repeat(28) },
    { name: "a format character (zero-width space, category Cf)", memo: "a\u200Bb" },
    { name: "a properly paired surrogate pair", memo: "\uD83D\uDE00" },
    { name: "accents and CJK", memo: "café 東京 für zwei" },
  ])("accepts $name", ({ memo }) => {
    expect(memoProblem(memo)).toBeNull();
  });

  it("counts an emoji as one: 140 of them are 280 UTF-16 units but within the limit", () => {
    expect(grinning.repeat(140)).toHaveLength(280);
    expect(memoProblem(grinning.repeat(140))).toBeNull();
  });

  it.each([
    { name: "141 ASCII characters", memo: "a".repeat(141), problem: tooLong },
    { name: "141 emoji", memo: grinning.repeat(141), problem: tooLong },
    { name: "140 ASCII characters and an emoji", memo: `${"a".repeat(140)}${grinning}`, problem: tooLong },
    { name: "29 family emoji (145 code points, 29 graphemes)", memo: family.repeat(29), problem: tooLong },
    { name: "a newline", memo: "line\nbreak", problem: controlCharacter },
    { name: "a tab", memo: "a\tb", problem: controlCharacter },
    { name: "NUL", memo: "a\u0000", problem: controlCharacter },
    { name: "escape", memo: "\u001b[31mred", problem: controlCharacter },
    { name: "DEL", memo: "a\u007f", problem: controlCharacter },
    { name: "a C1 control (NEL)", memo: "a\u0085", problem: controlCharacter },
    { name: "a lone high surrogate", memo: "a\uD800", problem: malformed },
    { name: "a lone high surrogate before a letter", memo: "\uD83Dx", problem: malformed },
    { name: "a lone low surrogate", memo: "\uDE00a", problem: malformed },
    { name: "a reversed surrogate pair", memo: "\uDE00\uD83D", problem: malformed },
  ])("refuses $name", ({ memo, problem }) => {
    expect(memoProblem(memo)).toBe(problem);
  });
});

describe("isIsoTimestamp", () => {
  it.each([
    "2026-11-25T22:00:00.000Z",
    "2026-11-25T23:59:59.999Z",
    "2024-02-29T00:00:00.000Z",
    "2000-02-29T12:00:00.000Z",
    "1970-01-01T00:00:00.000Z",
    "2026-12-31T00:00:00.001Z",
  ])("accepts %s", (value) => {
    expect(isIsoTimestamp(value)).toBe(true);
  });

  it.each([
    { value: "2026-02-30T00:00:00.000Z", why: "February 30" },
    { value: "2025-02-29T00:00:00.000Z", why: "February 29 of a common year" },
    { value: "1900-02-29T00:00:00.000Z", why: "February 29 of a century that is not a leap year" },
    { value: "2026-04-31T00:00:00.000Z", why: "April 31" },
    { value: "2026-13-01T00:00:00.000Z", why: "month 13" },
    { value: "2026-00-10T00:00:00.000Z", why: "month 0" },
    { value: "2026-11-25T24:00:00.000Z", why: "hour 24" },
    { value: "2026-11-25T23:60:00.000Z", why: "minute 60" },
    { value: "2026-11-25T23:59:60.000Z", why: "a leap second" },
    { value: "2026-11-25T22:00:00Z", why: "no milliseconds" },
    { value: "2026-11-25T22:00:00.00Z", why: "two fraction digits" },
    { value: "2026-11-25T22:00:00.0000Z", why: "four fraction digits" },
    { value: "2026-11-25T22:00:00.000", why: "no zone" },
    { value: "2026-11-25T22:00:00.000+00:00", why: "an offset instead of Z" },
    { value: "2026-11-25T23:00:00.000+01:00", why: "a non-UTC offset" },
    { value: "2026-11-25T22:00:00.000z", why: "lowercase z" },
    { value: "2026-11-25 22:00:00.000Z", why: "a space instead of T" },
    { value: "2026-11-25t22:00:00.000Z", why: "lowercase t" },
    { value: "2026-11-25", why: "a date only" },
    { value: "+002026-11-25T22:00:00.000Z", why: "an expanded year" },
    { value: " 2026-11-25T22:00:00.000Z", why: "leading space" },
    { value: "2026-11-25T22:00:00.000Z\n", why: "trailing newline" },
    { value: "", why: "empty" },
    { value: "1764108000000", why: "epoch milliseconds" },
  ])("refuses $value ($why)", ({ value }) => {
    expect(isIsoTimestamp(value)).toBe(false);
  });
});

describe("isTimestampFresh", () => {
  const nowMs = Date.parse("2026-11-25T22:00:00.000Z");
  const at = (offsetMs: number) => new Date(nowMs + offsetMs).toISOString();

  it("the window is ten minutes either way", () => {
    expect(timestampSkewMaxMs).toBe(600_000);
  });

  it.each([
    { name: "the node's own time", offsetMs: 0, isFresh: true },
    { name: "exactly 10 minutes ahead", offsetMs: 600_000, isFresh: true },
    { name: "exactly 10 minutes behind", offsetMs: -600_000, isFresh: true },
    { name: "1 ms over 10 minutes ahead", offsetMs: 600_001, isFresh: false },
    { name: "1 ms over 10 minutes behind", offsetMs: -600_001, isFresh: false },
    { name: "an hour behind", offsetMs: -3_600_000, isFresh: false },
    { name: "a day ahead", offsetMs: 86_400_000, isFresh: false },
  ])("$name is fresh: $isFresh", ({ offsetMs, isFresh }) => {
    expect(isTimestampFresh(at(offsetMs), nowMs)).toBe(isFresh);
  });

  it("a timestamp that is not a time is never fresh", () => {
    expect(isTimestampFresh("not a time", nowMs)).toBe(false);
    expect(isTimestampFresh("", nowMs)).toBe(false);
  });
});

describe("signerOf and verifyTransactionSignature", () => {
  const node = namedKey("node");
  const alice = namedKey("alice");
  const bob = namedKey("bob");

  it("the payer signs a payment, the node a mint", () => {
    expect(signerOf(payment(alice, bob, "100"))).toBe(alice.publicKeyHex);
    expect(signerOf(mint(node, alice, "100"))).toBe(node.publicKeyHex);
  });

  it("a signature over canonical(tx) verifies, with either verifier", async () => {
    const signed = payment(alice, bob, "1250", { memo: "coffee" });
    expect(verifyNodeSync(alice.publicKeyHex, canonicalBytes(signed.tx), signed.signature)).toBe(true);
    expect(verifyTransactionSignature(signed, verifyNodeSync)).toBe(true);
    expect(await verifyTransactionSignature(signed, verifyWithWebCrypto)).toBe(true);
  });

  it.each([
    { name: "another amount", change: { amount: "1251" } },
    { name: "another payee", change: { to: namedKey("carol").publicKeyHex } },
    { name: "another memo", change: { memo: "tea" } },
    { name: "no memo", change: { memo: undefined } },
  ])("the signature does not cover a transaction with $name", ({ change }) => {
    const signed = payment(alice, bob, "1250", { memo: "coffee" });
    expect(
      verifyTransactionSignature({ tx: { ...signed.tx, ...change }, signature: signed.signature }, verifyNodeSync),
    ).toBe(false);
  });

  it("a payment signed by someone other than its payer fails", () => {
    const signedByBob = payment(alice, bob, "1250");
    const forged = { tx: signedByBob.tx, signature: payment(bob, alice, "1250").signature };
    expect(verifyTransactionSignature(forged, verifyNodeSync)).toBe(false);
    expect(
      verifyTransactionSignature({ ...signedByBob, signature: flipHexBit(signedByBob.signature, 10) }, verifyNodeSync),
    ).toBe(false);
  });

  it("a mint naming the node but signed by another key fails", () => {
    expect(verifyTransactionSignature(mint(node, alice, "100", { signer: bob }), verifyNodeSync)).toBe(false);
    expect(verifyTransactionSignature(mint(node, alice, "100"), verifyNodeSync)).toBe(true);
  });
});
