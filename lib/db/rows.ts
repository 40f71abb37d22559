// The rows the database holds and the ledger's types they stand for: one mapping, used by both stores (and the
// Prisma reads, whose models have the same columns), so that SQLite and PostgreSQL answer with the same bytes.
import type { AuditBlock, AuditTransaction } from "../ledger/audit";
import { blockTransactionsMax } from "../ledger/limits";
import type { SealCandidate } from "../ledger/seal";
import type { BlockHeader, SignedBlock, Transaction } from "../ledger/types";

export type BlockRow = {
  height: number;
  hash: string;
  prevHash: string;
  version: number;
  chainId: string;
  merkleRoot: string;
  txCount: number;
  timestamp: string;
  signature: string;
};

export type TransactionRow = {
  sequence: number;
  txId: string;
  blockHeight: number;
  leafIndex: number;
  type: string;
  fromKey: string;
  toKey: string;
  amountMinor: bigint;
  memo: string | null;
  timestamp: string;
  signature: string;
};

export function blockFromRow(row: BlockRow): SignedBlock {
  const header: BlockHeader = {
    version: row.version,
    chainId: row.chainId,
    height: row.height,
    prevHash: row.prevHash,
    merkleRoot: row.merkleRoot,
    txCount: row.txCount,
    timestamp: row.timestamp,
  };
  return { header, hash: row.hash, signature: row.signature };
}

/** The signed transaction as it was submitted; the chain id is the block's, which the node checked equal. */
export function transactionFromRow(
  row: Pick<TransactionRow, "type" | "fromKey" | "toKey" | "amountMinor" | "memo" | "timestamp">,
  chainId: string,
): Transaction {
  return {
    type: row.type as Transaction["type"],
    chainId,
    from: row.fromKey,
    to: row.toKey,
    amount: row.amountMinor.toString(),
    ...(row.memo === null ? {} : { memo: row.memo }),
    timestamp: row.timestamp,
  };
}

/** A transaction row as a store's own driver reads it: its integer columns as numbers or as bigints. */
type DriverTransactionRow = Omit<TransactionRow, "sequence" | "blockHeight" | "leafIndex"> & {
  blockHeight: number | bigint;
  leafIndex: number | bigint;
};

/** A stored row as a transaction of its block. */
export function blockTransactionOf(row: DriverTransactionRow, chainId: string): AuditTransaction {
  return {
    txId: row.txId,
    tx: transactionFromRow(row, chainId),
    signature: row.signature,
    leafIndex: Number(row.leafIndex),
  };
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

/** The transaction rows of one block, in leaf order, as the database stores them. */
export function transactionRowsOf(block: SignedBlock, entries: readonly SealCandidate[]): TransactionRow[] {
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
    timestamp: tx.timestamp,
    signature,
  }));
}
