// The node's hot path into SQLite: sealing blocks and the few lookups that sit on the payment path.
// It talks to better-sqlite3 directly because Prisma's per-query cost (query compiler and driver adapter,
// measured in README's "Speed" section) is several times the whole budget of a payment; the schema,
// migrations and every read API go through Prisma.
import Database from "better-sqlite3";
import { applyTransaction, type BalanceProblem } from "../ledger/balances";
import { makeBlockHeader } from "../ledger/block";
import { computeBlockHash } from "../ledger/hash";
import { assert } from "../ledger/errors";
import { blockTransactionsMax } from "../ledger/limits";
import type { BlockHeader, SignedBlock, SignedTransaction, Transaction } from "../ledger/types";
import type { AuditBlock } from "../ledger/audit";

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

export type SealCandidate = { txId: string; signed: SignedTransaction };
export type SealOutcome =
  | { kind: "sealed"; leafIndex: number }
  | { kind: "recorded" }
  | { kind: "refused"; problem: BalanceProblem };
export type SealResult = { block: SignedBlock | null; txIds: string[]; outcomes: SealOutcome[] };

export function openSqlite(file: string, options: { readonly?: boolean } = {}): Database.Database {
  const database = new Database(file, { timeout: 10_000, readonly: options.readonly === true, fileMustExist: options.readonly === true });
  if (options.readonly === true) return database;
  // WAL lets readers run beside the one writer; synchronous=FULL makes each commit durable before we answer.
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = FULL");
  database.pragma("foreign_keys = ON");
  return database;
}

export class SqliteLedgerStore {
  readonly database: Database.Database;
  private readonly statements;

  constructor(database: Database.Database) {
    this.database = database;
    this.statements = {
      head: database.prepare(`SELECT * FROM "Block" ORDER BY "height" DESC LIMIT 1`),
      blockAt: database.prepare(`SELECT * FROM "Block" WHERE "height" = ?`),
      blocksFrom: database.prepare(`SELECT * FROM "Block" WHERE "height" >= ? ORDER BY "height" LIMIT ?`),
      // Amounts are 64-bit: read as bigint, never as a float (so every integer column here is a bigint).
      transactionsOfBlocks: database
        .prepare(`SELECT * FROM "Transaction" WHERE "sequence" >= ? AND "sequence" < ? ORDER BY "sequence"`)
        .safeIntegers(true),
      allBalances: database.prepare(`SELECT "publicKey", "balanceMinor" FROM "Account"`).safeIntegers(true),
      isRecorded: database.prepare(`SELECT 1 FROM "Transaction" WHERE "txId" = ?`).pluck(),
      balance: database.prepare(`SELECT "balanceMinor" FROM "Account" WHERE "publicKey" = ?`).pluck().safeIntegers(true),
      insertBlock: database.prepare(
        `INSERT INTO "Block" ("height", "hash", "prevHash", "version", "chainId", "merkleRoot", "txCount", "timestamp", "signature")
         VALUES (@height, @hash, @prevHash, @version, @chainId, @merkleRoot, @txCount, @timestamp, @signature)`,
      ),
      insertTransaction: database.prepare(
        `INSERT INTO "Transaction" ("sequence", "txId", "blockHeight", "leafIndex", "type", "fromKey", "toKey", "amountMinor", "memo", "timestamp", "signature")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      upsertBalance: database.prepare(
        `INSERT INTO "Account" ("publicKey", "balanceMinor") VALUES (?, ?)
         ON CONFLICT ("publicKey") DO UPDATE SET "balanceMinor" = excluded."balanceMinor"`,
      ),
    };
  }

  head(): SignedBlock | null {
    const row = this.statements.head.get() as BlockRow | undefined;
    return row === undefined ? null : blockFromRow(row);
  }

  blockAt(height: number): SignedBlock | null {
    const row = this.statements.blockAt.get(height) as BlockRow | undefined;
    return row === undefined ? null : blockFromRow(row);
  }

  /** Up to `limit` blocks from `height` upward, ascending. */
  blocksFrom(height: number, limit: number): SignedBlock[] {
    return (this.statements.blocksFrom.all(height, limit) as BlockRow[]).map(blockFromRow);
  }

  /** Up to `limit` blocks from `height` upward, with their transactions: what the audit and events read. */
  blocksWithTransactions(height: number, limit: number): AuditBlock[] {
    const blockRows = this.statements.blocksFrom.all(height, limit) as BlockRow[];
    if (blockRows.length === 0) return [];
    const first = blockRows[0]!.height;
    const last = blockRows[blockRows.length - 1]!.height;
    type WideRow = Omit<TransactionRow, "sequence" | "blockHeight" | "leafIndex"> & { blockHeight: bigint; leafIndex: bigint };
    const rows = this.statements.transactionsOfBlocks.all(sequenceOf(first, 0), sequenceOf(last + 1, 0)) as WideRow[];
    const byHeight = new Map<number, AuditBlock>();
    const result = blockRows.map((row) => {
      const item: AuditBlock = { block: blockFromRow(row), transactions: [] };
      byHeight.set(row.height, item);
      return item;
    });
    for (const row of rows) {
      const item = byHeight.get(Number(row.blockHeight))!;
      item.transactions.push({
        txId: row.txId,
        tx: transactionFromRow(row, item.block.header.chainId),
        signature: row.signature,
        leafIndex: Number(row.leafIndex),
      });
    }
    return result;
  }

  /** The first account whose stored balance differs from `replayed` (accounts absent from both hold 0). */
  firstBalanceMismatch(replayed: ReadonlyMap<string, bigint>): string | null {
    const stored = this.statements.allBalances.all() as { publicKey: string; balanceMinor: bigint }[];
    for (const { publicKey, balanceMinor } of stored) {
      if ((replayed.get(publicKey) ?? 0n) !== balanceMinor) return publicKey;
    }
    const storedKeys = new Set(stored.map((row) => row.publicKey));
    for (const [publicKey, balanceMinor] of replayed) {
      if (!storedKeys.has(publicKey) && balanceMinor !== 0n) return publicKey;
    }
    return null;
  }

  isRecorded(txId: string): boolean {
    return this.statements.isRecorded.get(txId) !== undefined;
  }

  /** Creates genesis when the chain is empty; returns the head either way. */
  ensureGenesis(makeGenesis: () => SignedBlock): SignedBlock {
    const create = this.database.transaction(() => {
      const existing = this.head();
      if (existing !== null) return existing;
      const genesis = makeGenesis();
      this.statements.insertBlock.run({ ...genesis.header, hash: genesis.hash, signature: genesis.signature });
      return genesis;
    });
    return create.immediate();
  }

  /**
   * Seals the candidates into one new block, in one IMMEDIATE transaction: the write lock is taken before the
   * head and the balances are read, so a second process can neither fork the chain nor spend the same money.
   * Candidates already recorded, or that would overdraw, are left out with their outcome.
   */
  sealBlock(candidates: readonly SealCandidate[], signHeader: (header: BlockHeader) => string, nowMs: number): SealResult {
    assert(candidates.length <= blockTransactionsMax, "a block holds at most blockTransactionsMax transactions");
    const seal = this.database.transaction((): SealResult => {
      const head = this.head();
      assert(head !== null, "genesis exists before any block is sealed");
      const balances = new Map<string, bigint>();
      const touched = new Set<string>();
      const seen = new Set<string>();
      const sealed: SealCandidate[] = [];
      const outcomes: SealOutcome[] = candidates.map(({ txId, signed }) => {
        if (seen.has(txId) || this.isRecorded(txId)) return { kind: "recorded" };
        for (const account of [signed.tx.from, signed.tx.to]) {
          if (!balances.has(account)) balances.set(account, (this.statements.balance.get(account) as bigint | undefined) ?? 0n);
        }
        const problem = applyTransaction(balances, signed.tx);
        if (problem !== null) return { kind: "refused", problem };
        seen.add(txId);
        if (signed.tx.type === "payment") touched.add(signed.tx.from);
        touched.add(signed.tx.to);
        sealed.push({ txId, signed });
        return { kind: "sealed", leafIndex: sealed.length - 1 };
      });
      if (sealed.length === 0) return { block: null, txIds: [], outcomes };

      const block = this.appendBlock(head, sealed, signHeader, nowMs);
      for (const account of touched) this.statements.upsertBalance.run(account, balances.get(account)!);
      return { block, txIds: sealed.map((item) => item.txId), outcomes };
    });
    return seal.immediate();
  }

  /**
   * Makes, signs and inserts the block after `head` holding `entries` in leaf order (balances are the caller's
   * to change). Call it inside a write transaction that read `head`; the sealer and `npm run seed` both do.
   */
  appendBlock(head: SignedBlock, entries: readonly SealCandidate[], signHeader: (header: BlockHeader) => string, nowMs: number): SignedBlock {
    assert(entries.length >= 1 && entries.length <= blockTransactionsMax, "a block holds 1 to blockTransactionsMax transactions");
    // Block times never run backwards, even if the machine's clock does.
    const timestamp = new Date(Math.max(nowMs, Date.parse(head.header.timestamp))).toISOString();
    const header = makeBlockHeader({
      chainId: head.header.chainId,
      height: head.header.height + 1,
      prevHash: head.hash,
      txIds: entries.map((item) => item.txId),
      timestamp,
    });
    const block: SignedBlock = { header, hash: computeBlockHash(header), signature: signHeader(header) };
    this.statements.insertBlock.run({ ...header, hash: block.hash, signature: block.signature });
    for (const [leafIndex, { txId, signed }] of entries.entries()) {
      const { tx } = signed;
      this.statements.insertTransaction.run(
        sequenceOf(header.height, leafIndex),
        txId,
        header.height,
        leafIndex,
        tx.type,
        tx.from,
        tx.to,
        BigInt(tx.amount),
        tx.memo ?? null,
        tx.timestamp,
        signed.signature,
      );
    }
    return block;
  }
}
