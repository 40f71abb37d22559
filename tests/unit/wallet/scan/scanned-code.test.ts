// What the scanner does with a decoded QR code: this node's request link opens the pay page, another node's
// says so first, a bare account key opens an open-amount request, and anything else is not a request.
import { describe, expect, it } from "vitest";
import { classifyScannedCode, scannedTextLengthMax } from "@/lib/wallet/scan/scanned-code";

const origin = "https://pay.example.com";
const key = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

describe("a scanned code", () => {
  it.each<[string, string, ReturnType<typeof classifyScannedCode>]>([
    [
      "this node's request link",
      `${origin}/pay?to=${key}&amount=12.50&memo=lunch#ignored`,
      { kind: "request", path: `/pay?to=${key}&amount=12.50&memo=lunch` },
    ],
    ["with spaces around it", `  ${origin}/pay?to=${key}\n`, { kind: "request", path: `/pay?to=${key}` }],
    [
      "another node's request link",
      `http://other.example:8080/pay?to=${key}&amount=1`,
      { kind: "foreign-request", path: `/pay?to=${key}&amount=1`, host: "other.example:8080" },
    ],
    ["a bare account key", key.toUpperCase(), { kind: "request", path: `/pay?to=${key}` }],
    ["a weak key", "01" + "00".repeat(31), { kind: "not-a-request", text: "01" + "00".repeat(31) }],
    ["this node's other page", `${origin}/explorer`, { kind: "not-a-request", text: `${origin}/explorer` }],
    ["a /pay link without a query", `${origin}/pay`, { kind: "not-a-request", text: `${origin}/pay` }],
    [
      "a /payments link",
      `${origin}/payments?to=${key}`,
      { kind: "not-a-request", text: `${origin}/payments?to=${key}` },
    ],
    ["a javascript: URL", "javascript:alert(1)//pay?x", { kind: "not-a-request", text: "javascript:alert(1)//pay?x" }],
    ["plain text", "hello", { kind: "not-a-request", text: "hello" }],
  ])("%s", (_label, text, expected) => {
    expect(classifyScannedCode(text, origin)).toEqual(expected);
  });

  it("keeps only the start of a long text to show, and never parses a huge one", () => {
    const long = `${origin}/pay?memo=${"a".repeat(scannedTextLengthMax)}`;
    const code = classifyScannedCode(long, origin);
    expect(code.kind).toBe("not-a-request");
    expect(code.kind === "not-a-request" && code.text.length).toBe(200);
  });
});
