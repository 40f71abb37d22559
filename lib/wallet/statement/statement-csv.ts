// The statement as CSV (RFC 4180, CRLF), one row per payment, for a spreadsheet: the amount in major units as an
// exact decimal string (no float, no grouping), every text cell made formula-safe by the export's own csvField.
// The header names are fixed English identifiers, as the admin export's are: a file format, not page text, so
// that a script reading the file works whatever language the wallet was shown in.
import { csvRow } from "../../csv/csv-fields";
import { formatMinorUnits } from "../../ledger/amount";
import type { Statement } from "../../validations/statement";

export const statementCsvColumns = [
  "time",
  "direction",
  "counterparty",
  "amount",
  "currency",
  "memo",
  "txId",
  "blockHeight",
] as const;

/** Minor units as major units with exactly the currency's decimals: "1250" at 2 decimals is "12.50". */
export function exactMajorUnits(amountMinor: string, decimals: number): string {
  return formatMinorUnits(BigInt(amountMinor), decimals).replaceAll(",", "");
}

/**
 * The CSV text. It starts with a UTF-8 byte order mark: without it, a spreadsheet opening the file guesses a
 * legacy encoding and shows a Korean memo as mojibake.
 */
export function statementCsv(statement: Statement): string {
  const { decimals, code } = statement.currency;
  const rows = statement.entries.map((entry) =>
    csvRow([
      entry.time,
      entry.direction,
      entry.counterparty,
      exactMajorUnits(entry.amount, decimals),
      code,
      entry.memo ?? "",
      entry.txId,
      String(entry.blockHeight),
    ]),
  );
  return `\uFEFF${csvRow(statementCsvColumns)}${rows.join("")}`;
}
