// The rows the database holds and the ledger's types they stand for: one mapping, used by both stores (and the
// Prisma reads, whose models have the same columns), so that SQLite and PostgreSQL answer with the same bytes.
// Hashes, keys and signatures are stored as their bytes (BLOB, bytea: half the size of their hex, and indexes
// to match). Reads turn them into the protocol's lowercase hex here; the stores' INSERTs bind hex and let the
// statement store the bytes (`unhex`, `decode`), and lookups bind the bytes made here. Timestamps are stored as
// integer milliseconds since the Unix epoch, and read back as the protocol's ISO 8601 text here.
import type { AuditBlock, AuditTransaction } from "../ledger/audit";
import { blockTransactionsMax } from "../ledger/limits";
import type { SealCandidate } from "../ledger/seal";
import { isoTimestampMilliseconds } from "../ledger/transaction";
import type { BlockHeader, SignedBlock, SignedTransaction, Transaction } from "../ledger/types";

/** A stored hash, key or signature (a BLOB or bytea column) as the protocol's lowercase hex. */
export function hexOfColumn(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

/**
 * The protocol's lowercase hex as the bytes its column stores; a TypeError for anything else. Node's own hex
 * codec both ways (a per-byte loop in JavaScript took a quarter of the seal's main thread in a profile); the
 * round trip refuses an odd length, a character past the first invalid one and uppercase alike.
 */
export function columnOfHex(hex: string): Buffer<ArrayBuffer> {
  const bytes = Buffer.from(hex, "hex");
  if (bytes.length * 2 !== hex.length || bytes.toString("hex") !== hex) {
    throw new TypeError("not lowercase hex of whole bytes");
  }
  return bytes;
}

/**
 * A stored timestamp (integer milliseconds since the Unix epoch, as whichever driver reads it) as the protocol's
 * ISO 8601 text. Exact: the node stores only timestamps that are `toISOString`'s own text (`millisecondsOfIso`).
 */
export function isoOfMilliseconds(milliseconds: number | bigint): string {
  return new Date(Number(milliseconds)).toISOString();
}

/**
 * The protocol's ISO 8601 text as the integer milliseconds its column stores, which `isoOfMilliseconds` gives back
 * the same; a TypeError for any other text. The node accepts no other (`isIsoTimestamp`; the same check here, parsed once), so
 * this never throws for a block or transaction it checked.
 */
export function millisecondsOfIso(iso: string): number {
  const milliseconds = isoTimestampMilliseconds(iso);
  if (milliseconds === null) throw new TypeError("not a timestamp in the protocol's ISO 8601 form");
  return milliseconds;
}

export type BlockRow = {
  height: number;
  hash: Uint8Array;
  prevHash: Uint8Array;
  version: number;
  chainId: string;
  merkleRoot: Uint8Array;
  txCount: number;
  timestampMs: number | bigint;
  signature: Uint8Array;
};

export type TransactionRow = {
  sequence: number;
  txId: Uint8Array;
  blockHeight: number;
  leafIndex: number;
  type: string;
  fromKey: Uint8Array;
  toKey: Uint8Array;
  amountMinor: bigint;
  memo: string | null;
  timestampMs: number | bigint;
  signature: Uint8Array;
};

export function blockFromRow(row: BlockRow): SignedBlock {
  return signedBlockOf(row, hexOfColumn);
}

type BlockHexColumn = "hash" | "prevHash" | "merkleRoot" | "signature";

/** A block row whose hash and signature columns are of type `Column`, with how to read one as hex. */
function signedBlockOf<Column>(
  row: Omit<BlockRow, BlockHexColumn> & Record<BlockHexColumn, Column>,
  hexOf: (column: Column) => string,
): SignedBlock {
  const header: BlockHeader = {
    version: row.version,
    chainId: row.chainId,
    height: row.height,
    prevHash: hexOf(row.prevHash),
    merkleRoot: hexOf(row.merkleRoot),
    txCount: row.txCount,
    timestamp: isoOfMilliseconds(row.timestampMs),
  };
  return { header, hash: hexOf(row.hash), signature: hexOf(row.signature) };
}

/**
 * A block row inside PostgreSQL JSON (`row_to_json`), where a bytea column is the text `\\x` and its hex: the
 * seal's one round trip and the receipt's read carry the block that way.
 */
export type PgJsonBlockRow = Omit<BlockRow, "hash" | "prevHash" | "merkleRoot" | "signature"> & {
  hash: string;
  prevHash: string;
  merkleRoot: string;
  signature: string;
};

export function blockFromPgJson(row: PgJsonBlockRow): SignedBlock {
  // The text after the `\x` is already the lowercase hex (the store's connections ask for bytea_output=hex).
  return signedBlockOf(row, (text) => text.slice(2));
}

/** The signed transaction as it was submitted; the chain id is the block's, which the node checked equal. */
export function transactionFromRow(
  row: Pick<TransactionRow, "type" | "fromKey" | "toKey" | "amountMinor" | "memo" | "timestampMs">,
  chainId: string,
): Transaction {
  return {
    type: row.type as Transaction["type"],
    chainId,
    from: hexOfColumn(row.fromKey),
    to: hexOfColumn(row.toKey),
    amount: row.amountMinor.toString(),
    ...(row.memo === null ? {} : { memo: row.memo }),
    timestamp: isoOfMilliseconds(row.timestampMs),
  };
}

/** The signed transaction a stored row holds: `transactionFromRow` and the payer's signature. */
export function signedTransactionFromRow(
  row: Pick<TransactionRow, "type" | "fromKey" | "toKey" | "amountMinor" | "memo" | "timestampMs" | "signature">,
  chainId: string,
): SignedTransaction {
  return { tx: transactionFromRow(row, chainId), signature: hexOfColumn(row.signature) };
}

/** A transaction row as a store's own driver reads it: its integer columns as numbers or as bigints. */
type DriverTransactionRow = Omit<TransactionRow, "sequence" | "blockHeight" | "leafIndex"> & {
  blockHeight: number | bigint;
  leafIndex: number | bigint;
};

/** A stored row as a transaction of its block. */
export function blockTransactionOf(row: DriverTransactionRow, chainId: string): AuditTransaction {
  return { txId: hexOfColumn(row.txId), ...signedTransactionFromRow(row, chainId), leafIndex: Number(row.leafIndex) };
}

/** A stored row as a transaction of an account's history, with its block's height. */
export function accountTransactionOf(
  row: DriverTransactionRow,
  chainId: string,
): AuditTransaction & { blockHeight: number } {
  return { blockHeight: Number(row.blockHeight), ...blockTransactionOf(row, chainId) };
}

/** The blocks with their transactions, from the transaction rows of exactly those blocks in chain order. */
export function withTransactionRows(
  blocks: readonly SignedBlock[],
  rows: readonly DriverTransactionRow[],
): AuditBlock[] {
  const byHeight = new Map(
    blocks.map((block): [number, AuditBlock] => [block.header.height, { block, transactions: [] }]),
  );
  for (const row of rows) {
    const item = byHeight.get(Number(row.blockHeight))!;
    item.transactions.push(blockTransactionOf(row, item.block.header.chainId));
  }
  return [...byHeight.values()];
}

/** Position of a transaction in the whole chain; orders and pages account histories. */
export function sequenceOf(blockHeight: number, leafIndex: number): number {
  return blockHeight * blockTransactionsMax + leafIndex;
}

/**
 * A transaction row as the stores' INSERTs bind it: the hashes, keys and signature still hex, which the statement
 * itself turns into bytes (`unhex` on SQLite, `decode(…, 'hex')` on PostgreSQL), in C rather than here.
 */
export type TransactionInsertRow = Omit<TransactionRow, "txId" | "fromKey" | "toKey" | "timestampMs" | "signature"> & {
  txId: string;
  timestampMs: number;
  fromKey: string;
  toKey: string;
  signature: string;
};

/** The block's columns as its INSERT binds them, hex as in `TransactionInsertRow`. */
export function blockInsertRowOf(block: SignedBlock) {
  const { timestamp, ...header } = block.header;
  return { ...header, timestampMs: millisecondsOfIso(timestamp), hash: block.hash, signature: block.signature };
}

/** The transaction rows of one block, in leaf order, as the stores insert them. */
export function transactionRowsOf(block: SignedBlock, entries: readonly SealCandidate[]): TransactionInsertRow[] {
  return entries.map(({ txId, signed: { tx, signature } }, leafIndex) => ({
    sequence: sequenceOf(block.header.height, leafIndex),
    txId,
    blockHeight: block.header.height,
    leafIndex,
    type: tx.type,
    fromKey: tx.from,
    toKey: tx.to,
    amountMinor: BigInt(tx.amount),
    memo: tx.memo ?? null,
    timestampMs: millisecondsOfIso(tx.timestamp),
    signature,
  }));
}
