// CSV fields and records (RFC 4180) that a spreadsheet opens as plain text: every text field quoted, and no
// cell a spreadsheet could start, whatever separator it splits on, ever begins with a formula. Pure: the node's
// admin export writes CSV with it, and so does the wallet's statement, in the browser.

// A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection"); tab and carriage
// return are on OWASP's list too.
const formulaTriggers: ReadonlySet<string> = new Set(["=", "+", "-", "@", "\t", "\r"]);

// Where a spreadsheet may start a cell: at the field's start, and after any separator it might split on. A
// spreadsheet set to split on ";" (the default where the decimal mark is a comma) reads `"x;=cmd"` as the cells
// `"x` and `=cmd"`, whatever the quotes say; tab and line breaks split cells and rows in other readers.
const cellSeparators: ReadonlySet<string> = new Set([",", ";", "\t", "\r", "\n"]);
// Spaces and quotes may stand before a formula (a reader that trims spaces, or takes a quote as a field's
// opening), so they keep a cell's start open.
const cellLeaders: ReadonlySet<string> = new Set([" ", '"']);

/** The text with a `'` before every formula trigger that could open a cell, which makes that cell plain text. */
function neutraliseFormulas(value: string): string {
  let text = "";
  let isCellStart = true;
  for (const character of value) {
    if (isCellStart && formulaTriggers.has(character)) text += "'";
    text += character;
    // A trigger that is itself a separator (tab, carriage return) opens the next cell at once.
    if (cellSeparators.has(character)) isCellStart = true;
    else if (!(isCellStart && cellLeaders.has(character))) isCellStart = false;
  }
  return text;
}

// Plain decimal numbers (heights, leaf indexes, minor and major units) stay unquoted, so that a spreadsheet
// reads them as numbers; nothing else is a number here.
const numberPattern = /^[0-9]+(\.[0-9]+)?$/;

/** One RFC 4180 field: a number as it is; any other text quoted, with every formula start made plain text. */
export function csvField(value: string): string {
  if (numberPattern.test(value)) return value;
  const text = neutraliseFormulas(value);
  return `"${text.replaceAll('"', '""')}"`;
}

/** One RFC 4180 record, ended by CRLF. */
export function csvRow(fields: readonly string[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}
