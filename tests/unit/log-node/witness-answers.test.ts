// The node's reading of witnesses' answers: cosignature lines checked against the policy's key, the 409 size.
import { describe, expect, it } from "vitest";
import { formatCheckpoint } from "@/lib/ledger/log/checkpoint";
import { signNote } from "@/lib/ledger/log/note";
import { checkCosignatureLines, isTlogSizeType, parseTlogSize, shortMessageOf } from "@/lib/server/log/witness-answers";
import { noteTextOf } from "@/lib/server/log/witnessed-view";
import { testLogSigner, testWitness } from "../support/log-keys";

const origin = "chainpay/test-node";
const text = formatCheckpoint({ origin, size: 5, rootHash: new Uint8Array(32).fill(7) });
const nowMs = Date.UTC(2026, 11, 1, 12);
const nowSeconds = nowMs / 1000;
const alpha = testWitness("alpha.example");
const beta = testWitness("beta.example");

/** The signature lines a witness would answer: what signNote appends after the blank line. */
function cosignatureLines(witness: typeof alpha, timestampSeconds: number, signed = text): string {
  const note = signNote(signed, [witness.cosigner(timestampSeconds)]);
  return note.slice(signed.length + 1);
}

describe("checkCosignatureLines", () => {
  it("keeps a valid line of the witness's key with its timestamp", () => {
    const body = cosignatureLines(alpha, nowSeconds - 5);
    expect(checkCosignatureLines(body, text, alpha.verifierKey, nowMs)).toEqual({
      valid: [{ line: body, timestampSeconds: nowSeconds - 5 }],
      failed: 0,
    });
  });

  it("ignores lines of other keys", () => {
    const body = cosignatureLines(beta, nowSeconds);
    expect(checkCosignatureLines(body, text, alpha.verifierKey, nowMs)).toEqual({ valid: [], failed: 0 });
  });

  it("counts a line of its key over another checkpoint as failed", () => {
    const other = formatCheckpoint({ origin, size: 6, rootHash: new Uint8Array(32).fill(7) });
    const body = cosignatureLines(alpha, nowSeconds, other);
    expect(checkCosignatureLines(body, text, alpha.verifierKey, nowMs)).toEqual({ valid: [], failed: 1 });
  });

  it("counts a cosignature more than 10 minutes ahead of the clock as failed, and one just within as valid", () => {
    const ahead = cosignatureLines(alpha, nowSeconds + 601);
    const within = cosignatureLines(alpha, nowSeconds + 600);
    expect(checkCosignatureLines(ahead, text, alpha.verifierKey, nowMs).failed).toBe(1);
    expect(checkCosignatureLines(within, text, alpha.verifierKey, nowMs).valid).toHaveLength(1);
  });

  it("keeps its own line among others and skips garbage", () => {
    const mine = cosignatureLines(alpha, nowSeconds);
    const body = `not a line\n${cosignatureLines(beta, nowSeconds)}— alpha.example !!!\n${mine}`;
    expect(checkCosignatureLines(body, text, alpha.verifierKey, nowMs).valid).toEqual([
      { line: mine, timestampSeconds: nowSeconds },
    ]);
  });
});

describe("parseTlogSize", () => {
  it.each([
    ["0\n", 0],
    ["12\n", 12],
    ["12", 12],
    ["012\n", null],
    ["-1\n", null],
    ["1 2\n", null],
    ["", null],
    ["99999999999999999\n", null],
  ])("%j is %j", (body, size) => {
    expect(parseTlogSize(body)).toBe(size);
  });
});

describe("isTlogSizeType and shortMessageOf", () => {
  it("reads the content type without its parameters", () => {
    expect(isTlogSizeType("text/x.tlog.size")).toBe(true);
    expect(isTlogSizeType("Text/X.Tlog.Size; charset=utf-8")).toBe(true);
    expect(isTlogSizeType("text/plain")).toBe(false);
    expect(isTlogSizeType(null)).toBe(false);
  });

  it("keeps the first line, cut at 200 characters", () => {
    expect(shortMessageOf("  bad proof\nmore\n")).toBe("bad proof");
    expect(shortMessageOf("x".repeat(300))).toBe(`${"x".repeat(200)}…`);
  });
});

describe("noteTextOf", () => {
  it("is the text before the blank line", () => {
    const note = signNote(text, [testLogSigner(origin).signer]);
    expect(noteTextOf(note)).toBe(text);
  });
});
