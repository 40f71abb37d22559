import { describe, expect, it } from "vitest";
import { base64ToBytes, bytesToBase64 } from "@/lib/ledger/log/base64";
import {
  defaultOrigin,
  formatCheckpoint,
  isValidOrigin,
  nodeLogKey,
  parseCheckpoint,
} from "@/lib/ledger/log/checkpoint";
import { ed25519NoteVerifier, NoteError, openNote, parseNote, parseVerifierKey, signNote } from "@/lib/ledger/log/note";
import c2sp from "../../vectors/c2sp-tlog.json";
import { testLogSigner } from "../../support/log-keys";

describe("base64 (RFC 4648 §4, strict)", () => {
  it.each([
    ["", ""],
    ["f", "Zg=="],
    ["fo", "Zm8="],
    ["foo", "Zm9v"],
    ["foob", "Zm9vYg=="],
    ["fooba", "Zm9vYmE="],
    ["foobar", "Zm9vYmFy"],
  ])("RFC 4648 §10: %j is %s", (text, encoded) => {
    expect(bytesToBase64(new TextEncoder().encode(text))).toBe(encoded);
    expect(new TextDecoder().decode(base64ToBytes(encoded)!)).toBe(text);
  });

  it.each(["Zg", "Zg=", "Zh==", "Zm9=", "Zm9v\n", " Zm9v", "Zm-v", "Zm_v", "Z===", "====", "Zg==Zg==", "Zé=="])(
    "refuses %j",
    (encoded) => {
      expect(base64ToBytes(encoded)).toBeNull();
    },
  );
});

describe("checkpoints", () => {
  it("parses the C2SP example and writes it back byte for byte", () => {
    const checkpoint = parseCheckpoint(c2sp.checkpointText);
    expect(checkpoint.origin).toBe("example.com/behind-the-sofa");
    expect(checkpoint.size).toBe(20852163);
    expect(checkpoint.rootHash).toHaveLength(32);
    expect(formatCheckpoint(checkpoint)).toBe(c2sp.checkpointText);
    expect(parseNote(c2sp.checkpointNote).text).toBe(c2sp.checkpointText);
  });

  it("accepts size 0", () => {
    const text = `o\n0\n${bytesToBase64(new Uint8Array(32))}\n`;
    expect(parseCheckpoint(text).size).toBe(0);
  });

  const root = bytesToBase64(new Uint8Array(32).fill(7));
  it.each([
    ["no final newline", `o\n1\n${root}`],
    ["an extension line", `o\n1\n${root}\next\n`],
    ["two lines", `o\n1\n`],
    ["an empty origin", `\n1\n${root}\n`],
    ["a leading zero", `o\n01\n${root}\n`],
    ["a sign", `o\n+1\n${root}\n`],
    ["a size beyond 2^53", `o\n9007199254740993\n${root}\n`],
    ["a hex size", `o\n0x1\n${root}\n`],
    ["a 31-byte root", `o\n1\n${bytesToBase64(new Uint8Array(31))}\n`],
    ["an unpadded root", `o\n1\n${root.slice(0, -1)}\n`],
    ["a blank line", `o\n1\n\n${root}\n`],
  ])("refuses %s", (_, text) => {
    expect(() => parseCheckpoint(text)).toThrow(NoteError);
  });

  it.each([
    ["pay.example.com/main", true],
    ["chainpay/chainpay-test", true],
    ["", false],
    ["has space", false],
    ["a+b", false],
    ["{json", false],
    ["tab\there", false],
    ["x".repeat(255), true],
    ["x".repeat(256), false],
    ["é".repeat(128), false],
    ["nbsp\u00a0here", false],
  ])("isValidOrigin(%j) is %s", (origin, expected) => {
    expect(isValidOrigin(origin)).toBe(expected);
  });

  it("defaults the origin to chainpay/<chainId>", () => {
    expect(defaultOrigin("main")).toBe("chainpay/main");
  });

  it("makes the node's key: type 0x01, named by the origin, a vkey that parses back", () => {
    const log = testLogSigner("chainpay/test");
    const key = nodeLogKey("chainpay/test", log.key.publicKey);
    expect(key.type).toBe(0x01);
    expect(key.name).toBe("chainpay/test");
    expect(key.vkey).toMatch(/^chainpay\/test\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    expect(parseVerifierKey(key.vkey)).toEqual(key);
  });

  it("a checkpoint the node signs opens under its key", () => {
    const log = testLogSigner("chainpay/test");
    const text = formatCheckpoint({ origin: "chainpay/test", size: 3, rootHash: new Uint8Array(32).fill(1) });
    const note = signNote(text, [log.signer]);
    const opened = openNote(note, [ed25519NoteVerifier(log.verifierKey)]);
    expect(opened.verified).toHaveLength(1);
    expect(parseCheckpoint(opened.note.text).size).toBe(3);
  });
});
