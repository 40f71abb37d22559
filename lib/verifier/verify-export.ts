// The offline verifier of an export (GET /api/admin/export, format=json), behind `npm run verify -- --file`.
// It trusts nothing in the file, not even its nodePublicKey field: only the node key given out of band. Every
// receipt is checked with the same verifyReceipt the wallet uses, every header's hash, signature and links
// are checked, each receipt's block must be the header of its height, an account statement's receipts must add
// up, from zero, to the balance it states, and the summary the node signed must say what the document says and
// count and hash exactly the receipts listed (summary-checks.ts): nothing can be left out or added unnoticed.
//
// The file is read as a stream, member by member and item by item: a 1,000-block export can hold a million
// receipts, far more than one JavaScript string can, and the signatures are verified a run at a time on all cores.
import { ExportChecker, type VerifyExportOptions, type VerifyExportReport } from "./export/export-checker";
import { ExportFormatError, ObjectStreamReader } from "./export/object-stream-reader";

export type { VerifyExportOptions, VerifyExportReport };

/** The export's bytes: the whole text, or chunks as a file stream gives them. */
export type ExportSource = string | Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

export async function verifyExport(source: ExportSource, options: VerifyExportOptions): Promise<VerifyExportReport> {
  const checker = new ExportChecker(options);
  const reader = new ObjectStreamReader(new Set(["headers", "receipts"]), checker);
  try {
    for await (const chunk of chunksOf(source)) {
      reader.push(chunk);
      await checker.drain(false);
    }
    reader.end();
  } catch (error) {
    // Anything else (a file that cannot be read) is the caller's to report.
    if (!(error instanceof ExportFormatError)) throw error;
    checker.problems.add(`the file is not a well-formed export: ${error.message}`);
    return checker.report();
  }
  await checker.drain(true);
  return await checker.finish();
}

async function* chunksOf(source: ExportSource): AsyncGenerator<Uint8Array> {
  if (typeof source === "string") yield new TextEncoder().encode(source);
  else if (source instanceof Uint8Array) yield source;
  else yield* source;
}
