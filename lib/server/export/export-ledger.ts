// GET /api/admin/export: an account statement or a range of blocks, as CSV for people and spreadsheets, or as
// JSON that proves itself: every receipt with its Merkle inclusion proof and every block header it refers to,
// so that `npm run verify -- --file` checks it offline with nothing but the node key.
import "server-only";
import { formatMinorUnits } from "../../ledger/amount";
import type { AuditTransaction } from "../../ledger/audit";
import { assert, LedgerError } from "../../ledger/errors";
import { balanceChangeOf } from "../../ledger/balances";
import { buildReceipt } from "../../ledger/receipt";
import type { SignedBlock, Currency } from "../../ledger/types";
import { exportFormatName, exportVersion, type ExportFormat, type ExportQuery } from "../../validations/export";
import type { LedgerReader, LedgerSnapshot } from "../../db/ledger-store";
import { pathsFromStored } from "../../db/stored-trees";
import type { LedgerNode } from "../node/context";

// Pieces are joined until at least this many characters before they go out, so that a statement of 100,000
// receipts is a few thousand writes rather than 100,000.
const streamChunkCharsMin = 256 * 1024;
// Blocks read from the database at once where heights run on: with their transactions, and headers alone.
const blocksPerRead = 16;
const headersPerRead = 1000;

export type LedgerExport = { filename: string; contentType: string; body: ReadableStream<Uint8Array> };

/**
 * A block as an export holds it: its transactions in the export, every txId of the block in leaf order, and the
 * block's stored tree levels (none for a block of one or two transactions), from which the paths are read.
 */
type ExportBlock = { block: SignedBlock; transactions: AuditTransaction[]; leaves: string[]; packed?: Uint8Array };

type ExportPlan = {
  store: LedgerReader;
  /** Ascending heights of every block the export covers. */
  heights: readonly number[];
  /** Reads the blocks at `count` consecutive heights from `height`. */
  readRun: (height: number, count: number) => Promise<ExportBlock[]>;
  /** Fields beside the common ones: the account and its balance, or the block range. */
  fields: Record<string, string | number>;
};

/**
 * Reads the export from one snapshot of the database, so that a statement's balance is exactly what its receipts add up to even while blocks are being sealed.
 * Bad input is refused before the first byte; the body then streams block by block.
 */
export async function exportLedger(node: LedgerNode, query: ExportQuery, nowMs = Date.now()): Promise<LedgerExport> {
  const snapshot: LedgerSnapshot = await node.store.openSnapshot();
  const release = () => void snapshot.release();
  try {
    const plan =
      query.kind === "account"
        ? await planAccount(snapshot, query.account, query.format === "json")
        : await planBlocks(snapshot, query.from, query.to);
    const createdAt = new Date(nowMs).toISOString();
    const document = {
      format: exportFormatName,
      version: exportVersion,
      kind: query.kind,
      chainId: node.chainId,
      nodePublicKey: node.nodePublicKey,
      currency: node.config.currency,
      createdAt,
      ...plan.fields,
    };
    const pieces =
      query.format === "json"
        ? jsonPieces(plan, document, node.nodePublicKey)
        : query.kind === "account"
          ? accountCsvPieces(plan, query.account, node.config.currency)
          : blocksCsvPieces(plan, node.config.currency);
    return {
      filename: exportFilename(node.chainId, query, createdAt),
      contentType:
        query.format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8; header=present",
      body: streamOf(pieces, release),
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * An account's statement reads, a run of blocks at a time, only the account's own transactions (through the
 * two account indexes) and, for proofs, the bare txIds of those blocks: an account in every block of a
 * million-transaction chain then costs a hundred thousand full rows, not a million.
 */
async function planAccount(store: LedgerReader, account: string, needsLeaves: boolean): Promise<ExportPlan> {
  const [heights, balanceMinor] = await Promise.all([store.accountBlockHeights(account), store.balanceOf(account)]);
  const readRun = async (height: number, count: number): Promise<ExportBlock[]> => {
    const [blocks, transactions, leaves, trees] = await Promise.all([
      store.blocksFrom(height, count),
      store.accountTransactions(account, height, height + count),
      needsLeaves ? store.txIdsOfBlocks(height, height + count) : [],
      needsLeaves ? store.packedTreesOf(height, height + count) : new Map<number, Uint8Array>(),
    ]);
    const byHeight = new Map(
      blocks.map((block): [number, ExportBlock] => [
        block.header.height,
        { block, transactions: [], leaves: [], packed: trees.get(block.header.height) },
      ]),
    );
    for (const { blockHeight, ...item } of transactions) byHeight.get(blockHeight)!.transactions.push(item);
    for (const { blockHeight, txId } of leaves) byHeight.get(blockHeight)!.leaves.push(txId);
    return [...byHeight.values()];
  };
  return { store, heights, readRun, fields: { account, balance: balanceMinor.toString() } };
}

async function planBlocks(store: LedgerReader, from: number, to: number): Promise<ExportPlan> {
  const headHeight = (await store.head())?.header.height ?? 0;
  if (to > headHeight) {
    throw new LedgerError("invalid_request", `to: must be at most the head's height, ${headHeight}`, "to");
  }
  const readRun = async (height: number, count: number): Promise<ExportBlock[]> => {
    const [run, trees] = await Promise.all([
      store.blocksWithTransactions(height, count),
      store.packedTreesOf(height, height + count),
    ]);
    return run.map(({ block, transactions }) => ({
      block,
      transactions,
      leaves: transactions.map((item) => item.txId),
      packed: trees.get(block.header.height),
    }));
  };
  return {
    store,
    heights: Array.from({ length: to - from + 1 }, (_, index) => from + index),
    readRun,
    fields: { from, to },
  };
}

/** The blocks of the plan with their transactions, ascending, read a few at a time where heights run on. */
async function* blocksOf(plan: ExportPlan): AsyncGenerator<ExportBlock> {
  const { heights } = plan;
  for (let index = 0; index < heights.length;) {
    let count = 1;
    while (count < blocksPerRead && heights[index + count] === heights[index]! + count) count += 1;
    const run = await plan.readRun(heights[index]!, count);
    assert(run.length === count, "every block an export covers exists in the snapshot");
    for (const [offset, item] of run.entries()) {
      assert(item.block.header.height === heights[index + offset], "blocks are read at the heights planned");
      yield item;
    }
    index += count;
  }
}

async function* headersOf(plan: ExportPlan): AsyncGenerator<SignedBlock> {
  const { heights, store } = plan;
  for (let index = 0; index < heights.length;) {
    let count = 1;
    while (count < headersPerRead && heights[index + count] === heights[index]! + count) count += 1;
    const run = await store.blocksFrom(heights[index]!, count);
    assert(run.length === count, "every block an export covers exists in the snapshot");
    yield* run;
    index += count;
  }
}

async function* jsonPieces(
  plan: ExportPlan,
  document: Record<string, unknown>,
  nodePublicKey: string,
): AsyncGenerator<string> {
  // The document's own fields first, then one header or receipt a line: a reader can stream it item by item.
  yield `${JSON.stringify(document).slice(0, -1)},"headers":[\n`;
  let separator = "";
  for await (const block of headersOf(plan)) {
    yield `${separator}${JSON.stringify(block)}`;
    separator = ",\n";
  }
  yield `\n],"receipts":[\n`;
  separator = "";
  for await (const { block, transactions, leaves, packed } of blocksOf(plan)) {
    if (transactions.length === 0) continue;
    // The stored levels give every transaction's audit path at once, hashing only the leaves.
    const paths = pathsFromStored(leaves, packed);
    const lines = transactions.map((item) => {
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
  yield "\n]}\n";
}

/** The columns both CSV exports open with, each row's values from `blockColumns`. */
const blockColumnNames = ["blockHeight", "blockHash", "blockTime", "leafIndex", "txId", "time"];

const accountCsvColumns = [
  ...blockColumnNames,
  "type",
  "direction",
  "counterparty",
  "amountMinor",
  "amount",
  "balanceMinor",
  "balance",
  "currency",
  "memo",
];

async function* accountCsvPieces(plan: ExportPlan, account: string, currency: Currency): AsyncGenerator<string> {
  yield csvRow(accountCsvColumns);
  // A statement holds the account's whole history, so its running balance starts from zero.
  let balanceMinor = 0n;
  for await (const { block, transactions } of blocksOf(plan)) {
    const rows: string[] = [];
    for (const item of transactions) {
      const { tx } = item;
      const changeMinor = balanceChangeOf(account, tx);
      balanceMinor += changeMinor;
      rows.push(
        csvRow([
          ...blockColumns(block, item),
          tx.type,
          // A mint credits its payee; what an account signs as a mint's issuer is an issue, not a debit.
          changeMinor > 0n ? "credit" : changeMinor < 0n ? "debit" : "issue",
          changeMinor > 0n ? tx.from : tx.to,
          tx.amount,
          majorUnits(BigInt(tx.amount), currency),
          balanceMinor.toString(),
          majorUnits(balanceMinor, currency),
          currency.code,
          tx.memo ?? "",
        ]),
      );
    }
    yield rows.join("");
  }
}

const blocksCsvColumns = [...blockColumnNames, "type", "from", "to", "amountMinor", "amount", "currency", "memo"];

async function* blocksCsvPieces(plan: ExportPlan, currency: Currency): AsyncGenerator<string> {
  yield csvRow(blocksCsvColumns);
  for await (const { block, transactions } of blocksOf(plan)) {
    yield transactions
      .map((item) => {
        const { tx } = item;
        const amount = majorUnits(BigInt(tx.amount), currency);
        return csvRow([
          ...blockColumns(block, item),
          tx.type,
          tx.from,
          tx.to,
          tx.amount,
          amount,
          currency.code,
          tx.memo ?? "",
        ]);
      })
      .join("");
  }
}

/** A row's values for `blockColumnNames`: where the transaction stands in the chain, and when it was made. */
function blockColumns(block: SignedBlock, item: AuditTransaction): string[] {
  return [
    String(block.header.height),
    block.hash,
    block.header.timestamp,
    String(item.leafIndex),
    item.txId,
    item.tx.timestamp,
  ];
}

/** Exact major units without thousands separators ("1234.50"), which spreadsheets read as numbers. */
function majorUnits(amountMinor: bigint, currency: Currency): string {
  return formatMinorUnits(amountMinor, currency.decimals).replaceAll(",", "");
}

// A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection"); a leading
// single quote makes it plain text. Tab and carriage return are on OWASP's list too.
const formulaStartPattern = /^[=+\-@\t\r]/;
const needsQuotesPattern = /[",\r\n]/;

/** One RFC 4180 field: quoted when it holds a quote, comma or line break, and never a formula. */
export function csvField(value: string): string {
  const text = formulaStartPattern.test(value) ? `'${value}` : value;
  return needsQuotesPattern.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One RFC 4180 record, ended by CRLF. */
export function csvRow(fields: readonly string[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
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
 * released when the last piece is out, when the client goes away, or on failure.
 */
function streamOf(pieces: AsyncIterator<string>, release: () => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        let text = "";
        while (text.length < streamChunkCharsMin) {
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
        console.error("export failed while streaming", error);
        controller.error(error);
      }
    },
    cancel() {
      release();
    },
  });
}
