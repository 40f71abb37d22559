import { describe, expect, it } from "vitest";
import { ed25519 } from "@noble/curves/ed25519.js";
import {
  cosignatureMessage,
  cosignatureTimestamp,
  cosignatureVerifier,
  witnessKey,
} from "@/lib/ledger/log/cosignature";
import { ed25519NoteVerifier, NoteError, openNote, parseNote, parseVerifierKey, signNote } from "@/lib/ledger/log/note";
import c2sp from "../../vectors/c2sp-tlog.json";
import { testLogSigner, testWitness } from "../../support/log-keys";

const text = new TextEncoder();

describe("cosignature/v1", () => {
  it("signs the spec's message: header, time line, then the checkpoint text", () => {
    const message = cosignatureMessage(c2sp.checkpointText, c2sp.cosignatureTimestamp);
    expect(new TextDecoder().decode(message)).toBe(c2sp.cosignedMessageExample);
  });

  it("reads the timestamp of the spec's example cosignature", () => {
    const note = parseNote(c2sp.cosignedNote);
    const cosignature = note.signatures[1]!;
    expect(cosignature.name).toBe("witness.example.com/w1");
    expect(cosignatureTimestamp(cosignature.signature)).toBe(c2sp.cosignatureTimestamp);
    expect(cosignatureTimestamp(note.signatures[0]!.signature)).toBeNull();
  });

  it("parses the spec's witness response lines appended to the checkpoint", () => {
    const note = parseNote(c2sp.checkpointNote + c2sp.witnessResponse);
    expect(note.signatures.map((item) => item.name)).toEqual([
      "example.com/behind-the-sofa",
      "witness.example/w1",
      "witness.example/w1",
      "witness.example/w2",
    ]);
    for (const item of note.signatures.slice(1)) expect(item.signature).toHaveLength(72);
  });

  it("makes a type 0x04 key whose ID is SHA-256(name ‖ 0x0A ‖ 0x04 ‖ key)[:4]", () => {
    const witness = testWitness("witness.example/w1");
    const key = witnessKey("witness.example/w1", witness.key.publicKey);
    expect(key.type).toBe(0x04);
    expect(parseVerifierKey(key.vkey)).toEqual(key);
    // The same key as type 0x01 has another ID: the type byte separates them.
    expect(key.keyId).not.toBe(testLogSigner("witness.example/w1", witness.key).verifierKey.keyId);
  });

  it("a cosignature verifies with the witness key, carries its time and is an RFC 8032 signature", () => {
    const log = testLogSigner("example.com/log");
    const witness = testWitness("witness.example/w1");
    const checkpoint = `example.com/log\n5\n${"A".repeat(43)}=\n`;
    const note = signNote(checkpoint, [log.signer, witness.cosigner(1_700_000_000)]);
    const opened = openNote(note, [ed25519NoteVerifier(log.verifierKey), cosignatureVerifier(witness.verifierKey)]);
    expect(opened.verified).toHaveLength(2);
    const signature = opened.verified[1]!.signature;
    expect(cosignatureTimestamp(signature)).toBe(1_700_000_000);
    const message = cosignatureMessage(checkpoint, 1_700_000_000);
    expect(ed25519.verify(signature.subarray(8), message, witness.key.publicKey)).toBe(true);
    expect(signature.subarray(0, 8)).toEqual(new Uint8Array([0, 0, 0, 0, 0x65, 0x53, 0xf1, 0x00]));
  });

  it("fails a cosignature whose timestamp was changed, or that is not 72 bytes", () => {
    const witness = testWitness("w");
    const verifier = cosignatureVerifier(witness.verifierKey);
    const checkpoint = text.encode("o\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
    const signature = witness.cosigner(100).sign(checkpoint);
    expect(verifier.verify(checkpoint, signature)).toBe(true);
    const later = signature.slice();
    later[7] = 101;
    expect(verifier.verify(checkpoint, later)).toBe(false);
    expect(verifier.verify(checkpoint, signature.subarray(0, 71))).toBe(false);
    expect(verifier.verify(text.encode("o\n2\n"), signature)).toBe(false);
  });

  it("a note signature (type 0x01) of the same key is no cosignature", () => {
    const witness = testWitness("w");
    const log = testLogSigner("w", witness.key);
    const checkpoint = text.encode("w\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
    const signature = log.signer.sign(checkpoint);
    expect(cosignatureVerifier(witness.verifierKey).verify(checkpoint, signature)).toBe(false);
  });

  it("refuses to verify with a type 0x01 key and to stamp a negative or fractional time", () => {
    expect(() => cosignatureVerifier(testLogSigner("o").verifierKey)).toThrow(NoteError);
    const witness = testWitness("w");
    expect(() => witness.cosigner(-1)).toThrow(RangeError);
    expect(() => witness.cosigner(1.5)).toThrow(RangeError);
  });
});
