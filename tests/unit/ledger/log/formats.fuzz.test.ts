// Property-based tests of the witnessed log's text formats: strict base64 is canonical both ways, and whatever
// string a stranger sends, parseNote, parseAddCheckpoint and parsePolicy either refuse it with their own error
// or read something that writes back to exactly the same bytes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { base64ToBytes, bytesToBase64 } from "@/lib/ledger/log/base64";
import { formatNote, NoteError, parseNote } from "@/lib/ledger/log/note";
import { PolicyError, parsePolicy } from "@/lib/ledger/log/policy";
import { AddCheckpointError, formatAddCheckpoint, parseAddCheckpoint } from "@/lib/ledger/log/witness-request";
import go from "../../vectors/go-sumdb-note.json";

const propertyTimeoutMs = 60_000;
const numRuns = 500;

const base64Character = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=");
const base64ish = fc.array(base64Character, { maxLength: 24 }).map((characters) => characters.join(""));
/** Pieces a note, a request body or a policy is made of, and the characters that break them. */
const piece = fc.oneof(
  fc.constantFrom("\n", "\n\n", "\u2014 ", " ", "\t", "\r", "\u0000", "+", "old ", "0", "1", "01", "{", "#"),
  fc.constantFrom("log ", "witness ", "group ", "quorum ", "none", "any", "all", "\ud800", "é"),
  fc.constantFrom(go.peter.signatureLine, go.peter.vkey, go.text, `${"A".repeat(43)}=\n`),
  base64ish,
  fc.string({ maxLength: 8 }),
);
const textOfPieces = fc.array(piece, { maxLength: 24 }).map((pieces) => pieces.join(""));

function refusedWith(run: () => unknown, errorType: new (...args: never[]) => Error): boolean {
  try {
    run();
    return false;
  } catch (error) {
    if (error instanceof errorType) return true;
    throw error;
  }
}

describe("base64", () => {
  it(
    "round-trips any bytes, with what the platform writes",
    () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
          const encoded = bytesToBase64(bytes);
          expect(encoded).toBe(btoa(String.fromCharCode(...bytes)));
          expect(base64ToBytes(encoded)).toEqual(bytes);
        }),
        { numRuns },
      );
    },
    propertyTimeoutMs,
  );

  it(
    "reads only canonical text: what it reads writes back to the same string",
    () => {
      fc.assert(
        fc.property(base64ish, (text) => {
          const bytes = base64ToBytes(text);
          if (bytes !== null) expect(bytesToBase64(bytes)).toBe(text);
        }),
        { numRuns: numRuns * 4 },
      );
    },
    propertyTimeoutMs,
  );
});

describe("parsers on a stranger's text", () => {
  it(
    "parseNote refuses with NoteError or reads a note that formats back to the same text",
    () => {
      fc.assert(
        fc.property(textOfPieces, (message) => {
          let note;
          try {
            note = parseNote(message);
          } catch (error) {
            expect(error).toBeInstanceOf(NoteError);
            return;
          }
          expect(formatNote(note)).toBe(message);
        }),
        { numRuns: numRuns * 4 },
      );
    },
    propertyTimeoutMs,
  );

  it(
    "parseAddCheckpoint refuses with a 400 or reads a request that formats back to the same body",
    () => {
      fc.assert(
        fc.property(textOfPieces, (body) => {
          let request;
          try {
            request = parseAddCheckpoint(body);
          } catch (error) {
            expect(error).toBeInstanceOf(AddCheckpointError);
            return;
          }
          expect(formatAddCheckpoint(request)).toBe(body);
        }),
        { numRuns: numRuns * 4 },
      );
    },
    propertyTimeoutMs,
  );

  it(
    "parsePolicy refuses with PolicyError or reads a policy",
    () => {
      fc.assert(
        fc.property(textOfPieces, (text) => {
          if (!refusedWith(() => parsePolicy(text), PolicyError)) expect(parsePolicy(text).quorum).toBeTypeOf("string");
        }),
        { numRuns: numRuns * 4 },
      );
    },
    propertyTimeoutMs,
  );
});
