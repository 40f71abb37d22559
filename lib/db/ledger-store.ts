// What the node needs from its database, whichever it is: SQLite (the embedded default, `sqlite-store.ts`) or
// PostgreSQL (several app instances on one server, `pg-store.ts`). The rules of sealing are pure and live in
// lib/ledger/seal.ts; each store only decides how to lock, read and write.
import type { AuditBlock, AuditResult, AuditTransaction, BatchVerifier, ChainAuditor } from "../ledger/audit";
import { assert } from "../ledger/errors";
import { hex64Pattern } from "../ledger/hex";
import { storedHeightMax } from "../ledger/limits";
import type { MerkleTree, TreeNodePosition } from "../ledger/merkle";
import { keyMatchSql, keyPrefixOf } from "./keys/key-prefix";
import { StoredLogCheck } from "./log-tree/log-audit";
import {
  accountsChangedBy,
  entriesOf,
  firstBalanceMismatch,
  type HeaderSigner,
  type SealCandidate,
  type SealedBlock,
  type SealOutcome,
} from "../ledger/seal";
import type { SignedBlock, SignedTransaction } from "../ledger/types";
import type { PrismaReads } from "./prisma-reads";
import {
  accountTransactionOf,
  blockFromRow,
  columnOfHex,
  hexOfColumn,
  sequenceOf,
  withTransactionRows,
  type BlockRow,
  type TransactionRow,
} from "./rows";
import { storedTreeProblem, treeOfStoredBlock } from "./stored-trees";
import {
  readLogConsistencyPath,
  readLogInclusionPath,
  readLogNodes,
  readLogRoot,
  readLogSize,
  type ReadRows,
} from "./log-tree/log-reads";

/** What one seal decided: the block it made with its tree (null when no candidate went in), and each candidate's outcome. */
export type SealResult = { sealed: SealedBlock | null; outcomes: SealOutcome[] };

/** What a receipt is built from (lib/ledger/receipt.ts `buildReceipt`), as the store reads it for one txId. */
export type StoredReceipt = {
  txId: string;
  signed: SignedTransaction;
  block: SignedBlock;
  leafIndex: number;
  path: Uint8Array[];
};

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
  /** Which of `txIds` are stored in a block below `height` (the audit's check for a txId recorded twice). */
  txIdsBelow(txIds: readonly string[], height: number): Promise<Set<string>>;
  /**
   * The packed interior levels (lib/ledger/merkle.ts `packInteriorLevels`) of the blocks [fromHeight, endHeight)
   * by height; a block of one or two transactions has none, so it is absent.
   */
  packedTreesOf(fromHeight: number, endHeight: number): Promise<Map<number, Uint8Array>>;
  /**
   * A recorded transaction with its block and its audit path, read from the stored tree (O(log n) hashes, no
   * tree is rebuilt); null when no transaction has this id.
   */
  storedReceipt(txId: string): Promise<StoredReceipt | null>;
  /**
   * `storedReceipt` for many txIds in a few reads in all (a batch's already-recorded items): the recorded ones
   * by txId; a txId not recorded is absent.
   */
  storedReceipts(txIds: readonly string[]): Promise<Map<string, StoredReceipt>>;
  /** How many leaves (block hashes, PROTOCOL.md v2 "The log") the stored log tree holds: head height + 1. */
  logSize(): Promise<number>;
  /** The log's root at `size` (1 ≤ size ≤ logSize()), from O(log n) stored hashes; RangeError outside. */
  logRoot(size: number): Promise<Uint8Array>;
  /** The RFC 9162 audit path of block `height` in the log of `size` leaves, from O(log n) stored hashes. */
  logInclusionPath(height: number, size: number): Promise<Uint8Array[]>;
  /** The RFC 9162 consistency proof from `fromSize` to `toSize` (1 ≤ fromSize ≤ toSize ≤ logSize()). */
  logConsistencyPath(fromSize: number, toSize: number): Promise<Uint8Array[]>;
  /** The stored log tree nodes at `positions`, keyed by lib/ledger/log/tree.ts `positionKey`; absent ones left out (the audit reads them). */
  logNodesAt(positions: readonly TreeNodePosition[]): Promise<Map<string, Uint8Array>>;
}

export type LedgerSnapshot = LedgerReader & { release(): Promise<void> };

/** `reader` as a snapshot whose release ends its transaction once, however often it is called. */
export function snapshotOf<Reader extends LedgerReader>(
  reader: Reader,
  end: () => Promise<void>,
): Reader & LedgerSnapshot {
  let ending: Promise<void> | undefined;
  return Object.assign(reader, { release: () => (ending ??= end()) });
}

/**
 * The node's one data path: the seal, the hot reads and snapshots in the store's own statements, and the Prisma
 * reads behind the read API's pages and the explorer (`queries`, prisma-reads.ts).
 */
export interface LedgerStore extends LedgerReader {
  /** The reads written once in Prisma for both databases; closing the store disconnects their client. */
  readonly queries: PrismaReads;
  readonly kind: "sqlite" | "postgres";
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
  /**
   * Stores the tree of every block that lacks one (those sealed before the trees were stored), a run of blocks
   * per transaction; returns how many trees it stored.
   */
  storeMissingTrees(): Promise<number>;
  /**
   * Adds every stored block missing from the log tree (those sealed before the log was stored), a run of blocks
   * per transaction, so that logSize() is head height + 1; returns how many it added.
   */
  storeMissingLogNodes(): Promise<number>;
  /** One consistent read-only view of the chain, held until released (the audit and exports read one). */
  openSnapshot(): Promise<LedgerSnapshot>;
  readSetting(key: string): Promise<string | null>;
  writeSetting(key: string, value: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The chain's reads, written once in SQL for both stores (`$1`-style placeholders; the SQLite store numbers them
 * its own way): each store supplies only how one statement runs. A sealed block and its transactions never
 * change, so reads outside a transaction need no snapshot to agree; a snapshot is this reader over one
 * transaction's connection.
 */
export abstract class SqlLedgerReader implements LedgerReader {
  /** The rows of one read; with `isExact`, every integer column as a bigint (amounts pass 2^53). */
  protected abstract rows<Row>(sql: string, parameters: readonly unknown[], isExact?: boolean): Promise<Row[]>;
  abstract packedTreesOf(fromHeight: number, endHeight: number): Promise<Map<number, Uint8Array>>;
  abstract storedReceipt(txId: string): Promise<StoredReceipt | null>;
  abstract storedReceipts(txIds: readonly string[]): Promise<Map<string, StoredReceipt>>;

  // The stored log tree's reads (log-tree/log-reads.ts): O(log n) stored hashes each, RangeError outside the log.
  logSize(): Promise<number> {
    return readLogSize(this.readRows);
  }
  logRoot(size: number): Promise<Uint8Array> {
    return readLogRoot(this.readRows, size);
  }
  logInclusionPath(height: number, size: number): Promise<Uint8Array[]> {
    return readLogInclusionPath(this.readRows, height, size);
  }
  logConsistencyPath(fromSize: number, toSize: number): Promise<Uint8Array[]> {
    return readLogConsistencyPath(this.readRows, fromSize, toSize);
  }
  logNodesAt(positions: readonly TreeNodePosition[]): Promise<Map<string, Uint8Array>> {
    return readLogNodes(this.readRows, positions);
  }
  private readonly readRows: ReadRows = (sql, parameters) => this.rows(sql, parameters);

  async head(): Promise<SignedBlock | null> {
    const [row] = await this.rows<BlockRow>(`SELECT * FROM "Block" ORDER BY "height" DESC LIMIT 1`, []);
    return row === undefined ? null : blockFromRow(row);
  }

  async blockAt(height: number): Promise<SignedBlock | null> {
    // PostgreSQL's height column is 32-bit and refuses a larger value: no block has such a height anyway.
    if (height > storedHeightMax) return null;
    const [row] = await this.rows<BlockRow>(`SELECT * FROM "Block" WHERE "height" = $1`, [height]);
    return row === undefined ? null : blockFromRow(row);
  }

  async blocksFrom(height: number, limit: number): Promise<SignedBlock[]> {
    if (height > storedHeightMax) return [];
    const sql = `SELECT * FROM "Block" WHERE "height" >= $1 ORDER BY "height" LIMIT $2`;
    return (await this.rows<BlockRow>(sql, [height, limit])).map(blockFromRow);
  }

  async blocksWithTransactions(height: number, limit: number): Promise<AuditBlock[]> {
    const blocks = await this.blocksFrom(height, limit);
    if (blocks.length === 0) return [];
    const first = blocks[0]!.header.height;
    const last = blocks[blocks.length - 1]!.header.height;
    const rows = await this.rows<ExactTransactionRow>(
      `SELECT * FROM "Transaction" WHERE "sequence" >= $1 AND "sequence" < $2 ORDER BY "sequence"`,
      [sequenceOf(first, 0), sequenceOf(last + 1, 0)],
      true,
    );
    return withTransactionRows(blocks, rows);
  }

  async firstBalanceMismatch(replayed: ReadonlyMap<string, bigint>): Promise<string | null> {
    const sql = `SELECT "publicKey", "balanceMinor" FROM "Account"`;
    const rows = await this.rows<{ publicKey: Uint8Array; balanceMinor: bigint }>(sql, [], true);
    return firstBalanceMismatch(
      rows.map((row) => ({ publicKey: hexOfColumn(row.publicKey), balanceMinor: row.balanceMinor })),
      replayed,
    );
  }

  async balanceOf(account: string): Promise<bigint> {
    // Every stored key is 32 bytes: a malformed one holds nothing, as an unknown one does.
    if (!hex64Pattern.test(account)) return 0n;
    const sql = `SELECT "balanceMinor" FROM "Account" WHERE "publicKey" = $1`;
    const [row] = await this.rows<{ balanceMinor: bigint }>(sql, [columnOfHex(account)], true);
    return row?.balanceMinor ?? 0n;
  }

  async accountBlockHeights(account: string): Promise<number[]> {
    const key = columnOfHex(account);
    const rows = await this.rows<{ blockHeight: number }>(
      `SELECT DISTINCT "blockHeight" FROM "Transaction"
       WHERE ${keyMatchSql(`"fromKey"`, "$1", "$2")} OR ${keyMatchSql(`"toKey"`, "$1", "$2")} ORDER BY "blockHeight"`,
      [key, keyPrefixOf(key)],
    );
    return rows.map((row) => row.blockHeight);
  }

  async accountTransactions(account: string, fromHeight: number, endHeight: number): Promise<AccountTransaction[]> {
    const key = columnOfHex(account);
    const rows = await this.rows<ExactTransactionRow & { chainId: string }>(
      `SELECT t.*, b."chainId" FROM "Transaction" t JOIN "Block" b ON b."height" = t."blockHeight"
       WHERE (${keyMatchSql(`t."fromKey"`, "$1", "$4")} OR ${keyMatchSql(`t."toKey"`, "$1", "$4")})
         AND t."sequence" >= $2 AND t."sequence" < $3 ORDER BY t."sequence"`,
      [key, sequenceOf(fromHeight, 0), sequenceOf(endHeight, 0), keyPrefixOf(key)],
      true,
    );
    return rows.map((row) => accountTransactionOf(row, row.chainId));
  }

  async txIdsBelow(txIds: readonly string[], height: number): Promise<Set<string>> {
    const found = new Set<string>();
    const below = sequenceOf(height, 0);
    for (let start = 0; start < txIds.length; start += txIdsPerLookup) {
      // Always the same number of placeholders (the last chunk repeats its first txId), so one prepared statement.
      const chunk = txIds.slice(start, start + txIdsPerLookup).map(columnOfHex);
      const padded = [...chunk, ...Array<Buffer>(txIdsPerLookup - chunk.length).fill(chunk[0]!)];
      const rows = await this.rows<{ txId: Uint8Array }>(txIdsBelowSql, [below, ...padded]);
      for (const row of rows) found.add(hexOfColumn(row.txId));
    }
    return found;
  }

  async txIdsOfBlocks(fromHeight: number, endHeight: number): Promise<{ blockHeight: number; txId: string }[]> {
    const rows = await this.rows<{ blockHeight: number; txId: Uint8Array }>(
      `SELECT "blockHeight", "txId" FROM "Transaction" WHERE "sequence" >= $1 AND "sequence" < $2 ORDER BY "sequence"`,
      [sequenceOf(fromHeight, 0), sequenceOf(endHeight, 0)],
    );
    return rows.map((row) => ({ blockHeight: row.blockHeight, txId: hexOfColumn(row.txId) }));
  }
}

/** txIds a lookup of txIdsBelow asks for at once: index reads of the unique txId index, under SQLite's limit. */
const txIdsPerLookup = 500;
const txIdsBelowSql = `SELECT "txId" FROM "Transaction" WHERE "sequence" < $1 AND "txId" IN (${Array.from(
  { length: txIdsPerLookup },
  (_, index) => `$${index + 2}`,
).join(", ")})`;

/** A transaction row as an exact read gives it: the integer columns as bigints. */
type ExactTransactionRow = Omit<TransactionRow, "sequence" | "blockHeight" | "leafIndex"> & {
  sequence: bigint;
  blockHeight: bigint;
  leafIndex: bigint;
};

const blocksPerAuditRun = 256;

/**
 * Feeds the stored chain, genesis to `headHeight`, into `auditor` a run of blocks at a time, stopping at the
 * first bad block: the node's audit and a follower opening its replica both check a store this way. A block
 * whose stored tree does not match its transactions is bad too (`storedTreeProblem`): the result then names it,
 * unless the auditor finds a block at or below it bad first. So is a block whose stored log tree nodes are not
 * the ones its hash makes (log-tree/log-audit.ts): the checkpoints' roots are folded from them.
 */
export async function auditStoredChain(
  reader: LedgerReader,
  auditor: ChainAuditor,
  headHeight: number,
  verifyBatch: BatchVerifier,
  onProgress?: (checkedHeight: number, headHeight: number) => void,
): Promise<AuditResult> {
  const logCheck = new StoredLogCheck();
  for (let height = 0; height <= headHeight; height += blocksPerAuditRun) {
    const count = Math.min(blocksPerAuditRun, headHeight - height + 1);
    const [run, trees] = await Promise.all([
      reader.blocksWithTransactions(height, count),
      reader.packedTreesOf(height, height + count),
    ]);
    const treeBadAt = run.findIndex((item) => storedTreeProblem(item, trees.get(item.block.header.height)) !== null);
    const logProblem = await logCheck.firstProblem(reader, run);
    const isLogFirst = logProblem !== null && (treeBadAt === -1 || logProblem.index < treeBadAt);
    const badTreeAt = isLogFirst ? logProblem.index : treeBadAt;
    if (badTreeAt === -1) {
      if (!(await auditor.addBlocks(run, verifyBatch))) return auditor.result;
      onProgress?.(Math.min(height + blocksPerAuditRun - 1, headHeight), headHeight);
      continue;
    }
    // The blocks below the bad tree, then the block itself: whatever the auditor finds there comes first.
    if (!(await auditor.addBlocks(run.slice(0, badTreeAt), verifyBatch))) return auditor.result;
    const goodBelow = auditor.result;
    const bad = run[badTreeAt]!;
    if (!(await auditor.addBlocks([bad], verifyBatch))) return auditor.result;
    const reason = isLogFirst ? logProblem.reason : storedTreeProblem(bad, trees.get(bad.block.header.height))!;
    return { ...goodBelow, ok: false, firstBad: { height: bad.block.header.height, reason } };
  }
  return auditor.result;
}

/** One verified block as `appendVerified` writes it: its transactions as seal entries, its tree, its accounts. */
export type VerifiedBlockWrite = {
  block: SignedBlock;
  entries: SealCandidate[];
  tree: MerkleTree;
  accounts: Set<string>;
};

/**
 * What appending a verified run onto `head` writes, block by block, for either store to write in its own
 * statements; asserts that the run extends that head.
 */
export function verifiedBlockWrites(head: SignedBlock | null, run: readonly AuditBlock[]): VerifiedBlockWrite[] {
  const first = run[0]?.block;
  if (first === undefined) return [];
  assert(
    head === null ? first.header.height === 0 : first.header.prevHash === head.hash,
    "verified blocks extend the replica's head",
  );
  return run.map((item) => ({
    block: item.block,
    entries: entriesOf(item),
    tree: treeOfStoredBlock(
      item.block,
      item.transactions.map(({ txId }) => txId),
    ),
    accounts: new Set(item.transactions.flatMap(({ tx }) => accountsChangedBy(tx))),
  }));
}

/** An error a sealing attempt may meet when another process got there first: try again on fresh state. */
export function isContentionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // SQLite: the write lock outlived busy_timeout. PostgreSQL: serialization failure, deadlock, or a unique
  // constraint (another instance sealed this height first), which the advisory lock should make impossible.
  return code === "SQLITE_BUSY" || code === "40001" || code === "40P01" || code === "23505";
}
