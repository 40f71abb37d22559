import { describe, expect, it } from "vitest";
import { ed25519 } from "@noble/curves/ed25519.js";
import { base64ToBytes, bytesToBase64 } from "@/lib/ledger/log/base64";
import {
  ed25519NoteSigner,
  ed25519NoteVerifier,
  formatNote,
  formatVerifierKey,
  isValidNoteText,
  keyIdOf,
  NoteError,
  noteBytesMax,
  openNote,
  parseNote,
  parseVerifierKey,
  signNote,
  type NoteVerifier,
} from "@/lib/ledger/log/note";
import go from "../../vectors/go-sumdb-note.json";
import { noteErrorOf, testWitness } from "../../support/log-keys";

const peterVerifier = ed25519NoteVerifier(parseVerifierKey(go.peter.vkey));
const enochVerifier = ed25519NoteVerifier(parseVerifierKey(go.enoch.vkey));
const peterSig = go.peter.signatureLine;
const enochSig = go.enoch.signatureLine;

/** Go's skey: PRIVATE+KEY+<name>+<id>+base64(0x01 ‖ seed). */
function peterSeed(): Uint8Array {
  const keyBytes = base64ToBytes(go.peter.skey.split("+").slice(4).join("+"))!;
  expect(keyBytes[0]).toBe(0x01);
  return keyBytes.slice(1);
}

describe("verifier keys (Go's TestNewVerifier)", () => {
  it("parses Go's vkeys with their key IDs", () => {
    const peter = parseVerifierKey(go.peter.vkey);
    expect(peter.name).toBe("PeterNeumann");
    expect(peter.keyId).toBe(0xc74f20a3);
    expect(peter.type).toBe(0x01);
    expect(peter.publicKey).toHaveLength(32);
    expect(parseVerifierKey(go.enoch.vkey).keyId).toBe(0xaf0cfe78);
  });

  it("derives the key ID and vkey from the name and key", () => {
    const peter = parseVerifierKey(go.peter.vkey);
    expect(formatVerifierKey("PeterNeumann", 0x01, peter.publicKey)).toBe(go.peter.vkey);
    const keyBytes = new Uint8Array([0x01, ...peter.publicKey]);
    expect(keyIdOf("PeterNeumann", keyBytes)).toBe(0xc74f20a3);
  });

  it("the skey's seed has the vkey's public key", () => {
    expect(formatVerifierKey("PeterNeumann", 0x01, ed25519.getPublicKey(peterSeed()))).toBe(go.peter.vkey);
  });

  it("refuses every substring and every one-byte mangling of the vkey", () => {
    const vkey = go.peter.vkey;
    for (let start = 0; start <= vkey.length; start++) {
      for (let end = start + 1; end <= vkey.length; end++) {
        if (start === 0 && end === vkey.length) continue;
        expect(() => parseVerifierKey(vkey.slice(start, end)), vkey.slice(start, end)).toThrow(NoteError);
      }
    }
    for (let index = 0; index < vkey.length; index++) {
      const mangled = vkey.slice(0, index) + String.fromCharCode(vkey.charCodeAt(index) + 1) + vkey.slice(index + 1);
      expect(() => parseVerifierKey(mangled), mangled).toThrow(NoteError);
    }
  });

  it("parses a vkey whose base64 key holds a +", () => {
    const key = Array.from({ length: 64 }, (_, index) => testWitness(`w${index}`).verifierKey).find((item) =>
      item.vkey.split("+").slice(2).join("+").includes("+"),
    )!;
    expect(parseVerifierKey(key.vkey)).toEqual(key);
  });

  it.each(go.badVkeys)("refuses a wrong length or unknown algorithm: %s", (vkey) => {
    expect(noteErrorOf(() => parseVerifierKey(vkey)).kind).toBe("malformed");
  });
});

describe("signing (Go's TestSign)", () => {
  it("signs Go's text to Go's exact note with the skey's seed", () => {
    const seed = peterSeed();
    const signer = ed25519NoteSigner("PeterNeumann", ed25519.getPublicKey(seed), (message) =>
      ed25519.sign(message, seed),
    );
    expect(signer.keyId).toBe(0xc74f20a3);
    expect(signNote(go.text, [signer])).toBe(`${go.text}\n${peterSig}`);
  });

  it("refuses text without a final newline and signers with bad names", () => {
    const seed = peterSeed();
    const sign = (message: Uint8Array) => ed25519.sign(message, seed);
    const signer = ed25519NoteSigner("PeterNeumann", ed25519.getPublicKey(seed), sign);
    expect(noteErrorOf(() => signNote("abc", [signer])).kind).toBe("malformed");
    expect(noteErrorOf(() => signNote(go.text, [{ ...signer, name: "bad name" }])).kind).toBe("malformed");
    expect(noteErrorOf(() => signNote(go.text, [{ ...signer, name: "a+b" }])).kind).toBe("malformed");
  });
});

describe("parseNote and formatNote", () => {
  it("round-trips Go's two-signature note", () => {
    const message = `${go.text}\n${peterSig}${enochSig}`;
    const note = parseNote(message);
    expect(note.text).toBe(go.text);
    expect(note.signatures.map((item) => [item.name, item.keyId])).toEqual([
      ["PeterNeumann", 0xc74f20a3],
      ["EnochRoot", 0xaf0cfe78],
    ]);
    expect(note.signatures[0]!.signature).toHaveLength(64);
    expect(formatNote(note)).toBe(message);
  });

  it("separates the text at the last blank line (the text may hold empty lines)", () => {
    const text = "a\n\nb\n";
    const note = parseNote(`${text}\n${peterSig}`);
    expect(note.text).toBe(text);
  });

  const malformedMessages: [string, string][] = [
    ["the text alone", go.text],
    ["a blank line and no signature", `${go.text}\n`],
    ["a signature line without its newline", `${go.text}\n${peterSig.slice(0, -1)}`],
    ["a control character", `\u0001${go.text}\n${peterSig}`],
    ["a tab", `a\tb\n\n${peterSig}`],
    ["a carriage return", `a\r\n\n${peterSig}`],
    ["a lone surrogate (not UTF-8)", `\ud800${go.text}\n${peterSig}`],
    ["a name with a space", `${go.text}\n— Bad Name ${go.peter.signatureBase64}\n`],
    ["a name with a plus", `${go.text}\n— Peter+Neumann ${go.peter.signatureBase64}\n`],
    ["an empty name", `${go.text}\n—  ${go.peter.signatureBase64}\n`],
    ["no signature after the name", `${go.text}\n— PeterNeumann\n`],
    ["an empty signature", `${go.text}\n— PeterNeumann \n`],
    ["a line after the signatures", `${go.text}\n${peterSig}Unexpected line.\n`],
    ["a hyphen for the em dash", `${go.text}\n- PeterNeumann ${go.peter.signatureBase64}\n`],
    ["unpadded base64", `${go.text}\n— PeterNeumann ${go.peter.signatureBase64.slice(0, -1)}\n`],
    ["base64 with a space inside", `${go.text}\n— PeterNeumann x08g o/ZJ\n`],
    ["non-canonical base64", `${go.text}\n— PeterNeumann AAAAAB==\n`],
    ["four bytes (a key ID and no signature)", `${go.text}\n— PeterNeumann AAAAAA==\n`],
    ["101 signatures", `${go.text}\n${peterSig.repeat(101)}`],
    ["more than the byte limit", `${"a".repeat(noteBytesMax)}\n\n${peterSig}`],
  ];
  it.each(malformedMessages)("refuses %s", (_, message) => {
    expect(noteErrorOf(() => parseNote(message)).kind).toBe("malformed");
  });

  it("accepts 100 signatures and five bytes of signature", () => {
    expect(parseNote(`${go.text}\n${peterSig.repeat(100)}`).signatures).toHaveLength(100);
    const five = parseNote(`${go.text}\n— PeterNeumann AAAAAAA=\n`);
    expect(five.signatures[0]!.signature).toEqual(new Uint8Array([0]));
  });

  it("counts the byte limit in UTF-8 bytes", () => {
    const text = `${"é".repeat(noteBytesMax / 2)}\n`;
    expect(noteErrorOf(() => parseNote(`${text}\n${peterSig}`)).kind).toBe("malformed");
  });
});

describe("openNote (Go's TestOpen)", () => {
  const message = `${go.text}\n${peterSig}${enochSig}`;

  it("verifies a known key and keeps an unknown one unverified", () => {
    const opened = openNote(message, [peterVerifier]);
    expect(opened.note.text).toBe(go.text);
    expect(opened.verified.map((item) => item.name)).toEqual(["PeterNeumann"]);
    expect(opened.unverified.map((item) => item.name)).toEqual(["EnochRoot"]);
    expect(bytesToBase64(new Uint8Array([0xaf, 0x0c, 0xfe, 0x78, ...opened.unverified[0]!.signature]))).toBe(
      go.enoch.signatureBase64,
    );
  });

  it("verifies both when both keys are known", () => {
    const opened = openNote(message, [peterVerifier, enochVerifier]);
    expect(opened.verified.map((item) => item.name)).toEqual(["PeterNeumann", "EnochRoot"]);
    expect(opened.unverified).toEqual([]);
  });

  it("refuses a note no known key signed", () => {
    const error = noteErrorOf(() => openNote(message, []));
    expect(error.kind).toBe("unverified");
    expect(error.message).toBe("note has no verifiable signatures");
  });

  it("refuses a duplicated verifier only when a signature needs it", () => {
    const ambiguous = noteErrorOf(() =>
      openNote(`${go.text}\n${enochSig}`, [enochVerifier, peterVerifier, enochVerifier]),
    );
    expect(ambiguous.message).toBe("ambiguous key EnochRoot+af0cfe78");
    expect(openNote(`${go.text}\n${peterSig}`, [enochVerifier, peterVerifier, enochVerifier]).verified).toHaveLength(1);
  });

  it("refuses too many signatures, known or not", () => {
    expect(noteErrorOf(() => openNote(`${go.text}\n${peterSig.repeat(101)}`, [peterVerifier])).kind).toBe("malformed");
    expect(noteErrorOf(() => openNote(`${go.text}\n${peterSig.repeat(101)}`, [])).kind).toBe("malformed");
  });

  it("refuses a known key whose signature fails", () => {
    const bad = `${go.text}\n${peterSig.slice(0, 60)}ABCD${peterSig.slice(60)}`;
    const error = noteErrorOf(() => openNote(bad, [peterVerifier]));
    expect(error.kind).toBe("invalid_signature");
    expect(error.message).toBe("invalid signature for key PeterNeumann+c74f20a3");
  });

  it("refuses a known key's failing signature even beside a valid one", () => {
    const seed = peterSeed();
    const wrong = ed25519NoteSigner("PeterNeumann", ed25519.getPublicKey(seed), () => new Uint8Array(64));
    const forged = signNote(go.text, [wrong]).slice(go.text.length + 1);
    expect(noteErrorOf(() => openNote(`${go.text}\n${enochSig}${forged}`, [peterVerifier, enochVerifier])).kind).toBe(
      "invalid_signature",
    );
  });

  it("drops repeated signatures as Go does", () => {
    const enochAbcd = `${enochSig.slice(0, 60)}ABCD${enochSig.slice(60)}`;
    const opened = openNote(`${go.text}\n${peterSig}${peterSig}${enochSig}${enochSig}${enochAbcd}`, [peterVerifier]);
    expect(opened.verified.map((item) => item.name)).toEqual(["PeterNeumann"]);
    expect(opened.unverified).toHaveLength(2);
    expect(opened.unverified[1]!.keyId).toBe(0xaf0cfe78);
  });

  it("ignores a signature that shares only the name or only the key ID of a known key", () => {
    const misnamed = peterSig.replace("PeterNeumann", "CarmenSandiego");
    expect(noteErrorOf(() => openNote(`${go.text}\n${misnamed}`, [peterVerifier])).kind).toBe("unverified");
    const otherId = peterSig.replace("x08g", "xxxx");
    const opened = openNote(`${go.text}\n${otherId}${peterSig}`, [peterVerifier]);
    expect(opened.unverified).toHaveLength(1);
  });

  it("hands the verifier the note text's bytes", () => {
    const seen: string[] = [];
    const spy: NoteVerifier = {
      name: "PeterNeumann",
      keyId: 0xc74f20a3,
      verify: (text, signature) => {
        seen.push(new TextDecoder().decode(text));
        return peterVerifier.verify(text, signature);
      },
    };
    openNote(message, [spy]);
    expect(seen).toEqual([go.text]);
  });
});

describe("text rules", () => {
  it.each([
    ["a pair (an emoji)", "\ud83d\ude00\n", true],
    ["a lone high surrogate at the end", "a\ud83d", false],
    ["a lone low surrogate", "\ude00a\n", false],
    ["two high surrogates", "\ud83d\ud83d\ude00\n", false],
    ["newlines only", "\n\n", true],
    ["DEL (not below U+0020)", "\u007f\n", true],
  ])("isValidNoteText: %s", (_, text, expected) => {
    expect(isValidNoteText(text)).toBe(expected);
  });
});
