// The JSON export, a piece at a time: the document's fields, every header it refers to, every receipt with its
// Merkle inclusion proof, and last the summary the node signs, whose count and txId hash are taken as the
// receipts go out, so that a verifier can tell when anything was left out, added or reordered.
import "server-only";
import { buildReceipt } from "../../ledger/receipt";
import type { ExportSummary } from "../../validations/export";
import { exportSummaryBytes, TxIdDigest } from "../../verifier/export/statement-summary";
import { pathsFromStored } from "../../db/stored-trees";
import { blocksOf, headersOf, type ExportPlan } from "./export-plan";

/** The summary without what only the receipts give: how many there are, and the hash over their txIds. */
export type SummaryStart = Omit<ExportSummary, "count" | "txIdsHash">;

/** Signs the summary's bytes with the node key, as hex128. */
export type SummarySigner = (message: Uint8Array) => string;

export async function* jsonPieces(
  plan: ExportPlan,
  document: Record<string, unknown>,
  summaryStart: SummaryStart,
  signSummary: SummarySigner,
): AsyncGenerator<string> {
  const { nodePublicKey } = summaryStart;
  // The document's own fields first, then one header or receipt a line: a reader can stream it item by item.
  yield `${JSON.stringify(document).slice(0, -1)},"headers":[\n`;
  let separator = "";
  for await (const block of headersOf(plan)) {
    yield `${separator}${JSON.stringify(block)}`;
    separator = ",\n";
  }
  yield `\n],"receipts":[\n`;
  separator = "";
  const txIds = new TxIdDigest();
  for await (const { block, transactions, leaves, packed } of blocksOf(plan)) {
    if (transactions.length === 0) continue;
    // The stored levels give every transaction's audit path at once, hashing only the leaves.
    const paths = pathsFromStored(leaves, packed);
    const lines = transactions.map((item) => {
      txIds.add(item.txId);
      const receipt = buildReceipt({
        txId: item.txId,
        signed: { tx: item.tx, signature: item.signature },
        block,
        leafIndex: item.leafIndex,
        // Only a database changed behind the node's back has a leaf index outside its block; the export
        // then carries an empty path, and the verifier names the receipt.
        path: paths[item.leafIndex] ?? [],
        nodePublicKey,
      });
      return JSON.stringify(receipt);
    });
    yield `${separator}${lines.join(",\n")}`;
    separator = ",\n";
  }
  const summary: ExportSummary = { ...summaryStart, count: txIds.count, txIdsHash: txIds.hex() };
  const summarySignature = signSummary(exportSummaryBytes(summary));
  yield `\n],"summary":${JSON.stringify(summary)},"summarySignature":${JSON.stringify(summarySignature)}}\n`;
}
