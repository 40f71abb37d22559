import { describe, expect, it } from "vitest";
import { bytesToBase64 } from "@/lib/ledger/log/base64";
import {
  AddCheckpointError,
  addCheckpointCharactersMax,
  formatAddCheckpoint,
  parseAddCheckpoint,
  proofLinesMax,
} from "@/lib/ledger/log/witness-request";
import c2sp from "../../vectors/c2sp-tlog.json";

const hash = (byte: number) => bytesToBase64(new Uint8Array(32).fill(byte));
const proofLines = (count: number) => Array.from({ length: count }, (_, index) => `${hash(index)}\n`).join("");
const note = c2sp.checkpointNote;

describe("parseAddCheckpoint", () => {
  it("reads the tlog-witness example body and writes it back byte for byte", () => {
    const request = parseAddCheckpoint(c2sp.addCheckpointBody);
    expect(request.oldSize).toBe(20852014);
    expect(request.proof.map(bytesToBase64)).toEqual([
      "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=",
      "jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=",
      "5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=",
      "/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=",
    ]);
    expect(request.note.startsWith("example.com/behind-the-sofa\n20852163\n")).toBe(true);
    expect(formatAddCheckpoint(request)).toBe(c2sp.addCheckpointBody);
  });

  it("reads `old 0` with no proof, and 63 proof lines", () => {
    expect(parseAddCheckpoint(`old 0\n\n${note}`)).toEqual({ oldSize: 0, proof: [], note });
    expect(parseAddCheckpoint(`old 5\n${proofLines(proofLinesMax)}\n${note}`).proof).toHaveLength(proofLinesMax);
  });

  it("hands `old 0` with proof lines on (the witness answers 422), and a note without signatures (403)", () => {
    expect(parseAddCheckpoint(`old 0\n${proofLines(2)}\n${note}`).proof).toHaveLength(2);
    expect(parseAddCheckpoint("old 1\n\no\n1\nroot\n").note).toBe("o\n1\nroot\n");
    expect(parseAddCheckpoint("old 1\n\n").note).toBe("");
  });

  const refusals: [string, string][] = [
    ["an empty body", ""],
    ["no old line", `${hash(1)}\n\n${note}`],
    ["no newline at all", "old 1"],
    ["a leading zero", `old 01\n\n${note}`],
    ["`old 00`", `old 00\n\n${note}`],
    ["a negative size", `old -1\n\n${note}`],
    ["two spaces", `old  1\n\n${note}`],
    ["a capital", `Old 1\n\n${note}`],
    ["a size beyond 2^53", `old 9007199254740993\n\n${note}`],
    ["64 proof lines", `old 5\n${proofLines(proofLinesMax + 1)}\n${note}`],
    ["a proof line of 31 bytes", `old 5\n${bytesToBase64(new Uint8Array(31))}\n\n${note}`],
    ["a proof line of 33 bytes", `old 5\n${bytesToBase64(new Uint8Array(33))}\n\n${note}`],
    ["a proof line of hex", `old 5\n${"ab".repeat(32)}\n\n${note}`],
    ["unpadded base64", `old 5\n${hash(1).slice(0, -1)}\n\n${note}`],
    ["a proof line with a trailing space", `old 5\n${hash(1)} \n\n${note}`],
    ["no blank line", `old 5\n${hash(1)}\n${hash(2)}\n`],
    ["the checkpoint where the blank line should be", `old 5\n${note}`],
    ["a carriage return", `old 5\r\n\n${note}`],
    ["a NUL in the note", `old 5\n\n${note}\u0000`],
    ["a tab", `old 5\n\n\t${note}`],
    ["a lone surrogate", `old 5\n\n\ud800${note}`],
    ["a body over the limit", `old 0\n\n${"a".repeat(addCheckpointCharactersMax)}`],
  ];
  it.each(refusals)("refuses %s with 400", (_, body) => {
    let caught: unknown;
    try {
      parseAddCheckpoint(body);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AddCheckpointError);
    expect((caught as AddCheckpointError).status).toBe(400);
  });
});

describe("formatAddCheckpoint", () => {
  it("writes the old line, the proof, a blank line and the note", () => {
    const proof = [new Uint8Array(32).fill(1), new Uint8Array(32).fill(2)];
    const body = formatAddCheckpoint({ oldSize: 3, proof, note });
    expect(body).toBe(`old 3\n${hash(1)}\n${hash(2)}\n\n${note}`);
    expect(parseAddCheckpoint(body)).toEqual({ oldSize: 3, proof, note });
  });

  it("refuses what no witness could read", () => {
    expect(() => formatAddCheckpoint({ oldSize: -1, proof: [], note })).toThrow(RangeError);
    expect(() => formatAddCheckpoint({ oldSize: 1, proof: [new Uint8Array(31)], note })).toThrow(RangeError);
    const tooLong = Array.from({ length: 64 }, () => new Uint8Array(32));
    expect(() => formatAddCheckpoint({ oldSize: 1, proof: tooLong, note })).toThrow(RangeError);
  });
});
