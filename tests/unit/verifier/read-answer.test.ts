// The pure steps of reading a node's answer (lib/verifier/read-answer.ts): a declared length, a body read to its
// end or refused past its limit without being read further, and bytes that must be UTF-8 JSON holding an object.
import { describe, expect, it } from "vitest";
import { declaredBytes, parseJsonObject, readBounded } from "@/lib/verifier/read-answer";

const encoder = new TextEncoder();

/** A stream of `chunkBytes`-byte chunks that ends after `chunks` of them (never, for Infinity), counting its pulls. */
function chunkStream(chunkBytes: number, chunks: number) {
  const state = { pulls: 0, isCancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulls >= chunks) {
          controller.close();
          return;
        }
        state.pulls += 1;
        controller.enqueue(new Uint8Array(chunkBytes).fill(0x61));
      },
      cancel() {
        state.isCancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

describe("declaredBytes", () => {
  it.each([
    [null, null],
    ["0", 0],
    ["8192", 8192],
    [" 8192 ", 8192],
    ["10000000000", 10_000_000_000],
    ["", null],
    ["-1", null],
    ["1e9", null],
    ["12, 12", null],
    ["0x10", null],
  ])("reads %j as %j", (header, expected) => {
    expect(declaredBytes(header)).toBe(expected);
  });
});

describe("readBounded", () => {
  it("reads a body of exactly the limit whole, in order", async () => {
    const { stream, state } = chunkStream(1024, 4);
    const bytes = await readBounded(stream, 4096);
    expect(bytes?.byteLength).toBe(4096);
    expect(bytes?.every((byte) => byte === 0x61)).toBe(true);
    expect(state.isCancelled).toBe(false);
  });

  it("refuses one byte past the limit and cancels the stream", async () => {
    const { stream, state } = chunkStream(1, 4097);
    expect(await readBounded(stream, 4096)).toBeNull();
    expect(state.pulls).toBe(4097);
    expect(state.isCancelled).toBe(true);
  });

  it("stops reading an endless body just past the limit", async () => {
    const { stream, state } = chunkStream(1024, Infinity);
    expect(await readBounded(stream, 64 * 1024)).toBeNull();
    // The chunk that crossed the limit is the last one pulled: nothing further is asked of the sender.
    expect(state.pulls).toBe(65);
    expect(state.isCancelled).toBe(true);
  });

  it("reads no body as an empty one", async () => {
    expect(await readBounded(null, 10)).toEqual(new Uint8Array(0));
  });
});

describe("parseJsonObject", () => {
  it("parses an object", () => {
    expect(parseJsonObject(encoder.encode('{"blocks":[]}'))).toEqual({ ok: true, value: { blocks: [] } });
  });

  it.each([
    ["[1,2]", "is JSON but not an object: it is an array"],
    ["null", "is JSON but not an object: it is null"],
    ["12", "is JSON but not an object: it is a number"],
    ['"x"', "is JSON but not an object: it is a string"],
    ["true", "is JSON but not an object: it is a boolean"],
    ["", "is not JSON"],
    ['{"a":1', "is not JSON"],
    ["<html>\u001b[31mred</html>", "is not JSON"],
  ])("names %j for what it is", (text, problem) => {
    expect(parseJsonObject(encoder.encode(text))).toEqual({ ok: false, problem });
  });

  it("refuses bytes that are not UTF-8", () => {
    expect(parseJsonObject(new Uint8Array([0x7b, 0xff, 0x7d]))).toEqual({
      ok: false,
      problem: "is not UTF-8 text, so not JSON",
    });
  });
});
