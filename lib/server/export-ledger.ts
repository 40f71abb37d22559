// GET /api/admin/export: an account statement or a range of blocks, as CSV for people and spreadsheets, or as
// JSON that proves itself: every receipt with its Merkle inclusion proof and every block header it refers to,
// so that `npm run verify -- --file` checks it offline with nothing but the node key.
import "server-only";
import { formatMinorUnits } from "../ledger/amount";
import type { AuditTransaction } from "../ledger/audit";
import { assert, LedgerError } from "../ledger/errors";
import { inclusionPaths } from "../ledger/merkle";
import { buildReceipt } from "../ledger/receipt";
import type { SignedBlock } from "../ledger/types";
import { exportFormatName, exportVersion, type ExportFormat, type ExportQuery } from "../validations/export";
import { sqliteFilePath } from "./env";
import type { LedgerNode } from "./node";
import { openSqlite, sequenceOf, SqliteLedgerStore, transactionFromRow, type TransactionRow } from "./sqlite-store";

// Pieces are joined until at least this many characters before they go out, so that a statement of 100,000
// receipts is a few thousand writes rather than 100,000.
const streamChunkCharsMin = 256 * 1024;
// Blocks read from SQLite at once where heights run on: with their transactions, and headers alone.
const blocksPerRead = 16;
const headersPerRead = 1000;

export type LedgerExport = { filename: string; contentType: string; body: ReadableStream<Uint8Array> };

type Currency = { code: string; decimals: number };

/** A block as an export holds it: its transactions in the export, and every txId of the block, in leaf order. */
type ExportBlock = { block: SignedBlock; transactions: AuditTransaction[]; leaves: string[] };

type ExportPlan = {
  store: SqliteLedgerStore;
  /** Ascending heights of every block the export covers. */
  heights: readonly number[];
  /** Reads the blocks at `count` consecutive heights from `height`. */
  readRun: (height: number, count: number) => ExportBlock[];
  /** Fields beside the common ones: the account and its balance, or the block range. */
  fields: Record<string, string | number>;
};

/** Integer columns read as bigint, so that an amount past 2^53 stays exact. */
type ExactTransactionRow = Omit<TransactionRow, "sequence" | "blockHeight" | "leafIndex"> & {
  sequence: bigint;
  blockHeight: bigint;
  leafIndex: bigint;
};

/**
 * Reads the export from one snapshot of the database (its own read-only connection in one read transaction),
 * so that a statement's balance is exactly what its receipts add up to even while blocks are being sealed.
 * Bad input is refused before the first byte; the body then streams block by block.
 */
export function exportLedger(node: LedgerNode, query: ExportQuery, nowMs = Date.now()): LedgerExport {
  const database = openSqlite(sqliteFilePath(node.config.databaseUrl), { readonly: true });
  let isOpen = true;
  const release = () => {
    if (!isOpen) return;
    isOpen = false;
    if (database.inTransaction) database.exec("ROLLBACK");
    database.close();
  };
  try {
    database.exec("BEGIN");
    const store = new SqliteLedgerStore(database);
    const plan =
      query.kind === "account"
        ? planAccount(store, query.account, query.format === "json")
        : planBlocks(store, query.from, query.to);
    const createdAt = new Date(nowMs).toISOString();
    const document = {
      format: exportFormatName,
      version: exportVersion,
      kind: query.kind,
      chainId: node.chainId,
      nodePublicKey: node.nodeKey.publicKeyHex,
      currency: node.config.currency,
      createdAt,
      ...plan.fields,
    };
    const pieces =
      query.format === "json"
        ? jsonPieces(plan, document, node.nodeKey.publicKeyHex)
        : query.kind === "account"
          ? accountCsvPieces(plan, query.account, node.config.currency)
          : blocksCsvPieces(plan, node.config.currency);
    return {
      filename: exportFilename(node.chainId, query, createdAt),
      contentType: query.format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8; header=present",
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
function planAccount(store: SqliteLedgerStore, account: string, needsLeaves: boolean): ExportPlan {
  const { database } = store;
  const heights = database
    .prepare(`SELECT DISTINCT "blockHeight" FROM "Transaction" WHERE "fromKey" = @account OR "toKey" = @account ORDER BY "blockHeight"`)
    .pluck()
    .all({ account }) as number[];
  const balanceMinor = database
    .prepare(`SELECT "balanceMinor" FROM "Account" WHERE "publicKey" = ?`)
    .pluck()
    .safeIntegers(true)
    .get(account) as bigint | undefined;
  const accountRows = database
    .prepare(
      `SELECT * FROM "Transaction" WHERE ("fromKey" = @account OR "toKey" = @account) AND "sequence" >= @first AND "sequence" < @end
       ORDER BY "sequence"`,
    )
    .safeIntegers(true);
  const leafRows = database.prepare(`SELECT "blockHeight", "txId" FROM "Transaction" WHERE "sequence" >= ? AND "sequence" < ? ORDER BY "sequence"`).raw();
  const readRun = (height: number, count: number): ExportBlock[] => {
    const first = sequenceOf(height, 0);
    const end = sequenceOf(height + count, 0);
    const byHeight = new Map<number, ExportBlock>();
    for (const block of store.blocksFrom(height, count)) byHeight.set(block.header.height, { block, transactions: [], leaves: [] });
    for (const row of accountRows.all({ account, first, end }) as ExactTransactionRow[]) {
      const item = byHeight.get(Number(row.blockHeight))!;
      const tx = transactionFromRow(row, item.block.header.chainId);
      item.transactions.push({ txId: row.txId, tx, signature: row.signature, leafIndex: Number(row.leafIndex) });
    }
    if (needsLeaves) {
      for (const [blockHeight, txId] of leafRows.all(first, end) as [number, string][]) byHeight.get(blockHeight)!.leaves.push(txId);
    }
    return [...byHeight.values()];
  };
  return { store, heights, readRun, fields: { account, balance: (balanceMinor ?? 0n).toString() } };
}

function planBlocks(store: SqliteLedgerStore, from: number, to: number): ExportPlan {
  const headHeight = store.head()?.header.height ?? 0;
  if (to > headHeight) {
    throw new LedgerError("invalid_request", `to: must be at most the head's height, ${headHeight}`, "to");
  }
  const readRun = (height: number, count: number): ExportBlock[] =>
    store.blocksWithTransactions(height, count).map(({ block, transactions }) => ({
      block,
      transactions,
      leaves: transactions.map((item) => item.txId),
    }));
  return { store, heights: Array.from({ length: to - from + 1 }, (_, index) => from + index), readRun, fields: { from, to } };
}

/** The blocks of the plan with their transactions, ascending, read a few at a time where heights run on. */
function* blocksOf(plan: ExportPlan): Generator<ExportBlock> {
  const { heights } = plan;
  for (let index = 0; index < heights.length; ) {
    let count = 1;
    while (count < blocksPerRead && heights[index + count] === heights[index]! + count) count += 1;
    const run = plan.readRun(heights[index]!, count);
    assert(run.length === count, "every block an export covers exists in the snapshot");
    for (const [offset, item] of run.entries()) {
      assert(item.block.header.height === heights[index + offset], "blocks are read at the heights planned");
      yield item;
    }
    index += count;
  }
}

function* headersOf(plan: ExportPlan): Generator<SignedBlock> {
  const { heights, store } = plan;
  for (let index = 0; index < heights.length; ) {
    let count = 1;
    while (count < headersPerRead && heights[index + count] === heights[index]! + count) count += 1;
    const run = store.blocksFrom(heights[index]!, count);
    assert(run.length === count, "every block an export covers exists in the snapshot");
    yield* run;
    index += count;
  }
}

function* jsonPieces(plan: ExportPlan, document: Record<string, unknown>, nodePublicKey: string): Generator<string> {
  // The document's own fields first, then one header or receipt a line: a reader can stream it item by item.
  yield `${JSON.stringify(document).slice(0, -1)},"headers":[\n`;
  let separator = "";
  for (const block of headersOf(plan)) {
    yield `${separator}${JSON.stringify(block)}`;
    separator = ",\n";
  }
  yield `\n],"receipts":[\n`;
  separator = "";
  for (const { block, transactions, leaves } of blocksOf(plan)) {
    if (transactions.length === 0) continue;
    // One tree per block gives every transaction's audit path at once. Buffer decodes hex natively: the
    // leaves of a thousand blocks are a million conversions.
    const paths = inclusionPaths(leaves.map((txId) => Buffer.from(txId, "hex")));
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

const accountCsvColumns = [
  "blockHeight", "blockHash", "blockTime", "leafIndex", "txId", "time", "type", "direction", "counterparty",
  "amountMinor", "amount", "balanceMinor", "balance", "currency", "memo",
];

function* accountCsvPieces(plan: ExportPlan, account: string, currency: Currency): Generator<string> {
  yield csvRow(accountCsvColumns);
  // A statement holds the account's whole history, so its running balance starts from zero.
  let balanceMinor = 0n;
  for (const { block, transactions } of blocksOf(plan)) {
    const rows: string[] = [];
    for (const item of transactions) {
      const { tx } = item;
      const amountMinor = BigInt(tx.amount);
      const isCredit = tx.to === account;
      // A mint creates money: it credits its payee and takes nothing from the node that signs it.
      const isDebit = !isCredit && tx.type === "payment";
      balanceMinor += isCredit ? amountMinor : isDebit ? -amountMinor : 0n;
      rows.push(
        csvRow([
          ...blockColumns(block, item),
          tx.type,
          isCredit ? "credit" : isDebit ? "debit" : "issue",
          isCredit ? tx.from : tx.to,
          tx.amount,
          majorUnits(amountMinor, currency),
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

const blocksCsvColumns = [
  "blockHeight", "blockHash", "blockTime", "leafIndex", "txId", "time", "type", "from", "to",
  "amountMinor", "amount", "currency", "memo",
];

function* blocksCsvPieces(plan: ExportPlan, currency: Currency): Generator<string> {
  yield csvRow(blocksCsvColumns);
  for (const { block, transactions } of blocksOf(plan)) {
    yield transactions
      .map((item) => {
        const { tx } = item;
        const amount = majorUnits(BigInt(tx.amount), currency);
        return csvRow([...blockColumns(block, item), tx.type, tx.from, tx.to, tx.amount, amount, currency.code, tx.memo ?? ""]);
      })
      .join("");
  }
}

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
function streamOf(pieces: Iterator<string>, release: () => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      try {
        let text = "";
        while (text.length < streamChunkCharsMin) {
          const next = pieces.next();
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
