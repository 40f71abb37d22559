// What the node needs from its database, whichever it is: SQLite (the embedded default, `sqlite-store.ts`) or
// PostgreSQL (several app instances on one server, `pg-store.ts`). The rules of sealing live here once; each
// store only decides how to lock, read and write.
import { applyTransaction, type BalanceProblem } from "../ledger/balances";
import { makeBlockHeader } from "../ledger/block";
import { computeBlockHash } from "../ledger/hash";
import { assert } from "../ledger/errors";
import { blockTransactionsMax } from "../ledger/limits";
import type { AuditBlock, AuditTransaction, BatchVerifier, ChainAuditor } from "../ledger/audit";
import type { BlockHeader, SignedBlock, SignedTransaction, Transaction } from "../ledger/types";

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

export type SealCandidate = { txId: string; signed: SignedTransaction };
export type SealOutcome =
  { kind: "sealed"; leafIndex: number } | { kind: "recorded" } | { kind: "refused"; problem: BalanceProblem };
export type SealResult = { block: SignedBlock | null; txIds: string[]; outcomes: SealOutcome[] };
export type HeaderSigner = (header: BlockHeader) => string;

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

/** The first account whose stored balance differs from `replayed` (accounts absent from both hold 0). */
export function firstBalanceMismatch(
  stored: readonly { publicKey: string; balanceMinor: bigint }[],
  replayed: ReadonlyMap<string, bigint>,
): string | null {
  for (const { publicKey, balanceMinor } of stored) {
    if ((replayed.get(publicKey) ?? 0n) !== balanceMinor) return publicKey;
  }
  const storedKeys = new Set(stored.map((row) => row.publicKey));
  for (const [publicKey, balanceMinor] of replayed) {
    if (!storedKeys.has(publicKey) && balanceMinor !== 0n) return publicKey;
  }
  return null;
}

/** The accounts whose balance a transaction changes: its payee, and its payer unless it is a mint. */
export function accountsChangedBy(tx: { type: string; from: string; to: string }): string[] {
  return tx.type === "payment" ? [tx.from, tx.to] : [tx.to];
}

/**
 * Decides which candidates go into the next block: those not yet recorded (nor repeated in the batch) whose
 * transfer the balances cover, applied in order. `balances` is filled from `balanceOf` and then updated.
 */
export function planSeal(
  candidates: readonly SealCandidate[],
  isRecorded: (txId: string) => boolean,
  balanceOf: (account: string) => bigint,
): { sealed: SealCandidate[]; outcomes: SealOutcome[]; balances: Map<string, bigint>; touched: Set<string> } {
  assert(candidates.length <= blockTransactionsMax, "a block holds at most blockTransactionsMax transactions");
  const balances = new Map<string, bigint>();
  const touched = new Set<string>();
  const seen = new Set<string>();
  const sealed: SealCandidate[] = [];
  const outcomes: SealOutcome[] = candidates.map(({ txId, signed }) => {
    if (seen.has(txId) || isRecorded(txId)) return { kind: "recorded" };
    for (const account of [signed.tx.from, signed.tx.to]) {
      if (!balances.has(account)) balances.set(account, balanceOf(account));
    }
    const problem = applyTransaction(balances, signed.tx);
    if (problem !== null) return { kind: "refused", problem };
    seen.add(txId);
    for (const account of accountsChangedBy(signed.tx)) touched.add(account);
    sealed.push({ txId, signed });
    return { kind: "sealed", leafIndex: sealed.length - 1 };
  });
  return { sealed, outcomes, balances, touched };
}

/** Makes and signs the block after `head` holding `entries` in leaf order. */
export function makeNextBlock(
  head: SignedBlock,
  entries: readonly SealCandidate[],
  signHeader: HeaderSigner,
  nowMs: number,
): SignedBlock {
  assert(
    entries.length >= 1 && entries.length <= blockTransactionsMax,
    "a block holds 1 to blockTransactionsMax transactions",
  );
  // Block times never run backwards, even if the machine's clock does.
  const timestamp = new Date(Math.max(nowMs, Date.parse(head.header.timestamp))).toISOString();
  const header = makeBlockHeader({
    chainId: head.header.chainId,
    height: head.header.height + 1,
    prevHash: head.hash,
    txIds: entries.map((item) => item.txId),
    timestamp,
  });
  return { header, hash: computeBlockHash(header), signature: signHeader(header) };
}

/** A verified block's transactions as seal entries, to be stored exactly as the node that sealed them did. */
export function entriesOf(item: AuditBlock): SealCandidate[] {
  return item.transactions.map(({ txId, tx, signature }) => ({ txId, signed: { tx, signature } }));
}
