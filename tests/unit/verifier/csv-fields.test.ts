// The CSV an export writes, against hostile memos: every text field is quoted, and no cell that a spreadsheet
// could start, splitting on comma, semicolon, tab or a line break and whatever it makes of the quotes, begins
// with a formula trigger (= + - @ tab CR). What an RFC 4180 reader reads back is the memo with a ' before each
// trigger that could open a cell, and nothing else changed.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvField, csvRow } from "@/lib/server/export/csv-fields";

/** Reads one RFC 4180 field back: a quoted field without its quotes and with "" as ", or a bare number. */
function readField(field: string): string {
  if (!field.startsWith('"')) return field;
  expect(field.endsWith('"')).toBe(true);
  return field.slice(1, -1).replaceAll('""', '"');
}

/**
 * Every cell a careless reader could make of the field: split on any separator, quotes taken as plain text or
 * as openings, leading spaces trimmed. None may start with a trigger.
 */
function cellStarts(field: string): string[] {
  return field.split(/[,;\t\r\n]/).map((cell) => cell.replace(/^[ "]*/, ""));
}

const triggerPattern = /^[=+\-@\t\r]/;

const hostileMemos: [memo: string, written: string][] = [
  ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
  ["+1+cmd|' /C calc'!A0", `"'+1+cmd|' /C calc'!A0"`],
  ["-2+3", `"'-2+3"`],
  ["@SUM(1,2)", `"'@SUM(1,2)"`],
  ["coffee;=1+1", `"coffee;'=1+1"`],
  ["a; +1; -2;@3", `"a; '+1; '-2;'@3"`],
  ['tip;"=cmd', `"tip;""'=cmd"`],
  ["x,=1", `"x,'=1"`],
  [" =1", `" '=1"`],
  ["\t=1", `"'\t'=1"`],
  ["\r=1", `"'\r'=1"`],
  ["line\n=1", `"line\n'=1"`],
  ["no; formula here", `"no; formula here"`],
  ["1+1=2", `"1+1=2"`],
  ["", `""`],
];

describe("a CSV field", () => {
  it.each(hostileMemos)("writes %j as %s", (memo, written) => {
    expect(csvField(memo)).toBe(written);
    for (const cell of cellStarts(written)) expect(cell).not.toMatch(triggerPattern);
  });

  it("follows RFC 4180: commas, quotes and line breaks inside quotes, quotes doubled, records ended by CRLF", () => {
    expect(csvRow(["plain", "a,b", 'say "hi"', "two\r\nlines", ""])).toBe(
      `"plain","a,b","say ""hi""","two\r\nlines",""\r\n`,
    );
  });

  it("leaves plain numbers unquoted, so that spreadsheets read them as numbers, and quotes every other text", () => {
    expect(csvRow(["12", "1234.50", "0", "-5", "1e3", "USD", "ab".repeat(32)])).toBe(
      `12,1234.50,0,"'-5","1e3","USD","${"ab".repeat(32)}"\r\n`,
    );
  });

  it("never lets any cell a spreadsheet could start begin with a formula, whatever the text", () => {
    const characters = fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", ";", ",", '"', " ", "'", "a", "1", ".");
    fc.assert(
      fc.property(fc.string({ unit: characters, maxLength: 24 }), (text) => {
        const field = csvField(text);
        for (const cell of cellStarts(field)) expect(cell).not.toMatch(triggerPattern);
        // Read back, it is the text with a ' added before some triggers, and nothing else changed.
        const read = readField(field);
        expect(read.replaceAll("'", "")).toBe(text.replaceAll("'", ""));
      }),
      { numRuns: 2000 },
    );
  });
});
