// What the node needs from its database, whichever it is: SQLite (the embedded default, `sqlite-store.ts`) or
// PostgreSQL (several app instances on one server, `pg-store.ts`). The rules of sealing are pure and live in
// lib/ledger/seal.ts; each store only decides how to lock, read and write.
import type { AuditBlock, AuditTransaction, BatchVerifier, ChainAuditor } from "../ledger/audit";
import { blockTransactionsMax } from "../ledger/limits";
import type { HeaderSigner, SealCandidate, SealOutcome } from "../ledger/seal";
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

/** A transaction of an account's history with the height of its block. */
export type SealResult = { block: SignedBlock | null; txIds: string[]; outcomes: SealOutcome[] };

/** A transaction of an account's history with the height of its block. */
export type AccountTransaction = AuditTransaction & { blockHeight: number };

/** Reads of the chain; over a snapshot, every call sees the same committed state. */
export interface LedgerReader {
  head(): Promise<SignedBlock | null>;
  blockAt(height: number): Promise<SignedBlock | null>;
  /** Up to `limit` blocks from `height` upward, ascending. */
  blocksFrom(height: number, limit: number): Promise<SignedBlock[]>;
  /** Up to `limit` blocks from `height` upward, with their transactions: what the audit, events and export read. */
  blocksWithTransactions(height: number, limit: number): Promise<AuditBlock[]>;
  /** The first account whose stored balance differs from `replayed` (accounts absent from both hold 0). */
  firstBalanceMismatch(replayed: ReadonlyMap<string, bigint>): Promise<string | null>;
  balanceOf(account: string): Promise<bigint>;
  /** Ascending heights of the blocks holding a transaction from or to `account`. */
  accountBlockHeights(account: string): Promise<number[]>;
  /** The account's transactions in blocks [fromHeight, endHeight), in chain order. */
  accountTransactions(account: string, fromHeight: number, endHeight: number): Promise<AccountTransaction[]>;
  /** Every txId of the blocks [fromHeight, endHeight), in chain order. */
  txIdsOfBlocks(fromHeight: number, endHeight: number): Promise<{ blockHeight: number; txId: string }[]>;
}

export type LedgerSnapshot = LedgerReader & { release(): Promise<void> };

export interface LedgerStore extends LedgerReader {
  readonly kind: "sqlite" | "postgres";
  isRecorded(txId: string): Promise<boolean>;
  /** Creates genesis when the chain is empty; returns the head either way. */
  ensureGenesis(makeGenesis: () => SignedBlock): Promise<SignedBlock>;
  /**
   * Seals candidates into one new block in one write transaction that holds the chain's lock while it reads
   * the head and the balances: no other process can fork the chain or spend the same money meanwhile.
   * `takeCandidates` is called once the lock is held, so that everything that arrived while another instance
   * held it joins this block. Candidates already recorded, or that would overdraw, are left out with their outcome.
   */
  sealBlock(
    takeCandidates: () => readonly SealCandidate[],
    signHeader: HeaderSigner,
    nowMs: number,
  ): Promise<SealResult>;
  /**
   * Appends blocks another node sealed and a follower has verified, with the balances they leave: in one
   * transaction, and only onto the head they were verified against.
   */
  appendVerified(run: readonly AuditBlock[], balances: ReadonlyMap<string, bigint>): Promise<void>;
  /** One consistent read-only view of the chain, held until released (the audit and exports read one). */
  openSnapshot(): Promise<LedgerSnapshot>;
  readSetting(key: string): Promise<string | null>;
  writeSetting(key: string, value: string): Promise<void>;
  close(): Promise<void>;
}

const blocksPerAuditRun = 256;

/**
 * Feeds the stored chain, genesis to `headHeight`, into `auditor` a run of blocks at a time, stopping at the
 * first bad block: the node's audit and a follower opening its replica both check a store this way.
 */
export async function auditStoredChain(
  reader: LedgerReader,
  auditor: ChainAuditor,
  headHeight: number,
  verifyBatch: BatchVerifier,
  onProgress?: (checkedHeight: number, headHeight: number) => void,
): Promise<void> {
  for (let height = 0; height <= headHeight; height += blocksPerAuditRun) {
    const run = await reader.blocksWithTransactions(height, Math.min(blocksPerAuditRun, headHeight - height + 1));
    if (!(await auditor.addBlocks(run, verifyBatch))) return;
    onProgress?.(Math.min(height + blocksPerAuditRun - 1, headHeight), headHeight);
  }
}

/** An error a sealing attempt may meet when another process got there first: try again on fresh state. */
export function isContentionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // SQLite: the write lock outlived busy_timeout. PostgreSQL: serialization failure, deadlock, or a unique
  // constraint (another instance sealed this height first), which the advisory lock should make impossible.
  return code === "SQLITE_BUSY" || code === "40001" || code === "40P01" || code === "23505";
}
