// GET /api/admin/export: an account statement or a range of blocks, as CSV for people and spreadsheets, or as
// JSON that proves itself: every receipt with its Merkle inclusion proof, every block header it refers to, and a
// summary signed by the node key (what it covers, its balance, its count and a hash over its txIds), so that
// `npm run verify -- --file` checks it offline with nothing but the node key, and notices anything left out.
import "server-only";
import { LedgerError } from "../../ledger/errors";
import { signWithNodeCrypto } from "../../crypto/ed25519";
import type { ExportFormat, ExportQuery } from "../../validations/export";
import { exportFormatName, exportVersion } from "../../validations/export";
import type { LedgerNode } from "../node/context";
import { accountCsvPieces, blocksCsvPieces } from "./csv-pieces";
import { planAccount, planBlocks } from "./export-plan";
import { jsonPieces, type SummarySigner, type SummaryStart } from "./json-pieces";
import { openLimitedSnapshot, type LimitedSnapshot } from "./snapshot-limits";

// Pieces are joined until at least this many characters before they go out, so that a statement of 100,000
// receipts is a few thousand writes rather than 100,000.
const streamChunkCharsMin = 256 * 1024;

export type LedgerExport = { filename: string; contentType: string; body: ReadableStream<Uint8Array> };

/**
 * Reads the export from one snapshot of the database, so that a statement's balance is exactly what its receipts
 * add up to even while blocks are being sealed. Bad input is refused before the first byte, and so is an export
 * past the snapshot limits (snapshot-limits.ts); the body then streams block by block.
 */
export async function exportLedger(node: LedgerNode, query: ExportQuery, nowMs = Date.now()): Promise<LedgerExport> {
  // Only the node holds its key: a follower's replica can give the CSV, but no statement that proves itself.
  const signSummary = query.format === "json" ? summarySignerOf(node) : null;
  const snapshot = await openLimitedSnapshot(node, "export");
  const { reader, release } = snapshot;
  try {
    const head = await reader.head();
    if (head === null) throw new Error("an export's snapshot has no genesis");
    const headHeight = head.header.height;
    const plan =
      query.kind === "account"
        ? await planAccount(reader, query.account, query.format === "json")
        : planBlocks(reader, query.from, query.to, headHeight);
    const createdAt = new Date(nowMs).toISOString();
    // A statement covers the account's whole history, from genesis to the snapshot's head.
    const range = "from" in plan.fields ? plan.fields : { from: 0, to: headHeight };
    const common = {
      kind: query.kind,
      chainId: node.chainId,
      nodePublicKey: node.nodePublicKey,
      currency: { code: node.config.currency.code, decimals: node.config.currency.decimals },
      createdAt,
    };
    const document = { format: exportFormatName, version: exportVersion, ...common, ...plan.fields };
    const summaryStart: SummaryStart = {
      ...common,
      head: { height: headHeight, hash: head.hash },
      ...range,
      ...("account" in plan.fields ? plan.fields : {}),
    };
    const pieces =
      signSummary !== null
        ? jsonPieces(plan, document, summaryStart, signSummary)
        : query.kind === "account"
          ? accountCsvPieces(plan, query.account, node.config.currency)
          : blocksCsvPieces(plan, node.config.currency);
    return {
      filename: exportFilename(node.chainId, query, createdAt),
      contentType:
        query.format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8; header=present",
      body: streamOf(pieces, snapshot),
    };
  } catch (error) {
    release();
    throw error;
  }
}

function summarySignerOf(node: LedgerNode): SummarySigner {
  const nodeKey = node.writer?.nodeKey;
  if (nodeKey === undefined) {
    throw new LedgerError(
      "not_found",
      `This node is a read-only follower of ${node.config.followUrl ?? "another node"}: it has no node key to ` +
        "sign a JSON export with. Export the JSON from that node (the CSV is served here).",
    );
  }
  return (message) => signWithNodeCrypto(nodeKey.privateKey, message);
}

function exportFilename(chainId: string, query: ExportQuery, createdAt: string): string {
  // Only characters that are safe in a file name on every system and in a quoted header value.
  const chain = chainId.replace(/[^A-Za-z0-9._-]/g, "_");
  const stamp = createdAt.replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
  const extension: ExportFormat = query.format;
  return query.kind === "account"
    ? `chainpay-${chain}-account-${query.account.slice(0, 16)}-${stamp}.${extension}`
    : `chainpay-${chain}-blocks-${query.from}-${query.to}.${extension}`;
}

/**
 * Pulls pieces as the client reads, so that a large export never sits whole in memory. The snapshot is
 * released when the last piece is out, when the client goes away, or on failure (a snapshot held past its time
 * among them: the stream then ends with that error, and the download is cut short where it stood).
 */
function streamOf(pieces: AsyncIterator<string>, snapshot: LimitedSnapshot): ReadableStream<Uint8Array> {
  const { assertHeld, release } = snapshot;
  const encoder = new TextEncoder();
  // A client that goes away mid-read releases the snapshot under a read in flight, which then fails: no news.
  let isCancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        let text = "";
        while (text.length < streamChunkCharsMin) {
          // Pieces may come from blocks read before the snapshot expired: past its time, nothing more goes out.
          assertHeld();
          const next = await pieces.next();
          if (next.done === true) {
            release();
            if (text !== "") controller.enqueue(encoder.encode(text));
            controller.close();
            return;
          }
          text += next.value;
        }
        controller.enqueue(encoder.encode(text));
      } catch (error) {
        release();
        if (!(error instanceof LedgerError) && !isCancelled) console.error("export failed while streaming", error);
        controller.error(error);
      }
    },
    cancel() {
      isCancelled = true;
      release();
    },
  });
}
