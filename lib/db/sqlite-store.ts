// The node's store on SQLite (the embedded default). It talks to better-sqlite3 directly because Prisma's
// per-query cost (query compiler and driver adapter, measured in README's "Speed" section) is several times the
// whole budget of a payment; the schema, migrations and every read API go through Prisma. better-sqlite3 is
// synchronous: each method does its work at once and returns a settled promise.
/* eslint-disable @typescript-eslint/require-await -- the async methods implement LedgerStore over a synchronous driver */
import Database from "better-sqlite3";
import { assert } from "../ledger/errors";
import type { AuditBlock } from "../ledger/audit";
import type { SignedBlock } from "../ledger/types";
import type { MerkleTree } from "../ledger/merkle";
import { snapshotOf, SqlLedgerReader, verifiedBlockWrites } from "./ledger-store";
import type { LedgerSnapshot, LedgerStore, SealResult, StoredReceipt } from "./ledger-store";
import type { PrismaReads } from "./prisma-reads";
import { blockFromRow, blockInsertRowOf, sequenceOf, transactionRowsOf, type BlockRow } from "./rows";
import { makeNextBlock, planSeal, type HeaderSigner, type SealCandidate, type SealedBlock } from "../ledger/seal";
import { packedTreeOf } from "./stored-trees";
import { SqliteTreeReads, storeMissingSqliteTrees } from "./sqlite-trees";
import { SqliteLogWriter, storeMissingSqliteLogNodes } from "./log-tree/sqlite-log";
import { sqliteOutboxInsertSql } from "./records/webhook-outbox-sql";

export function openSqlite(file: string, options: { readonly?: boolean } = {}): Database.Database {
  const database = new Database(file, {
    timeout: 10_000,
    readonly: options.readonly === true,
    fileMustExist: options.readonly === true,
  });
  if (options.readonly === true) return database;
  // WAL lets readers run beside the one writer; synchronous=FULL makes each commit durable before we answer.
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = FULL");
  database.pragma("foreign_keys = ON");
  return database;
}

/** `$1`-style placeholders as SQLite's plain `?`, and the order in which they take the parameters. */
export function toSqlite(sql: string): { sql: string; order: number[] } {
  const placeholder = /\$(\d+)/g;
  return {
    sql: sql.replace(placeholder, "?"),
    order: [...sql.matchAll(placeholder)].map((match) => Number(match[1]) - 1),
  };
}

/** The chain's reads (ledger-store.ts) over one connection; in a read transaction, a snapshot. */
class SqliteReader extends SqlLedgerReader {
  readonly database: Database.Database;
  private readonly trees: SqliteTreeReads;
  // Each read's statement is prepared once, on its first use.
  private readonly prepared = new Map<string, { statement: Database.Statement; order: number[] }>();

  constructor(database: Database.Database) {
    super();
    this.database = database;
    this.trees = new SqliteTreeReads(database);
  }

  protected async rows<Row>(sql: string, parameters: readonly unknown[], isExact = false): Promise<Row[]> {
    const key = `${String(isExact)} ${sql}`;
    let entry = this.prepared.get(key);
    if (entry === undefined) {
      const converted = toSqlite(sql);
      entry = { statement: this.database.prepare(converted.sql).safeIntegers(isExact), order: converted.order };
      this.prepared.set(key, entry);
    }
    return entry.statement.all(...entry.order.map((index) => parameters[index])) as Row[];
  }

  packedTreesOf(fromHeight: number, endHeight: number): Promise<Map<number, Uint8Array>> {
    return this.trees.packedTreesOf(fromHeight, endHeight);
  }

  storedReceipt(txId: string): Promise<StoredReceipt | null> {
    return this.trees.storedReceipt(txId);
  }

  storedReceipts(txIds: readonly string[]): Promise<Map<string, StoredReceipt>> {
    return this.trees.storedReceipts(txIds);
  }
}

export class SqliteLedgerStore extends SqliteReader implements LedgerStore {
  readonly kind = "sqlite";
  readonly queries: PrismaReads;
  private readonly file: string;
  private readonly writes;
  private readonly log: SqliteLogWriter;

  constructor(database: Database.Database, queries: PrismaReads) {
    super(database);
    this.queries = queries;
    this.file = database.name;
    this.log = new SqliteLogWriter(database);
    // Hashes, keys and signatures are bound as hex and stored as bytes: `unhex` turns them in the statement.
    this.writes = {
      // What the seal reads inside its write transaction, at once (better-sqlite3 is synchronous).
      head: database.prepare(`SELECT * FROM "Block" ORDER BY "height" DESC LIMIT 1`),
      balance: database
        .prepare(`SELECT "balanceMinor" FROM "Account" WHERE "publicKey" = unhex(?)`)
        .pluck()
        .safeIntegers(true),
      isRecorded: database.prepare(`SELECT 1 FROM "Transaction" WHERE "txId" = unhex(?)`).pluck(),
      supply: database.prepare(`SELECT "supplyMinor" FROM "ChainTotals" WHERE "id" = 1`).pluck().safeIntegers(true),
      insertBlock: database.prepare(
        `INSERT INTO "Block" ("height", "hash", "prevHash", "version", "chainId", "merkleRoot", "txCount", "timestampMs", "signature")
         VALUES (@height, unhex(@hash), unhex(@prevHash), @version, @chainId, unhex(@merkleRoot), @txCount, @timestampMs, unhex(@signature))`,
      ),
      insertTransaction: database.prepare(
        `INSERT INTO "Transaction" ("sequence", "txId", "blockHeight", "leafIndex", "type", "fromKey", "toKey", "amountMinor", "memo", "timestampMs", "signature")
         VALUES (@sequence, unhex(@txId), @blockHeight, @leafIndex, @type, unhex(@fromKey), unhex(@toKey), @amountMinor, @memo, @timestampMs, unhex(@signature))`,
      ),
      upsertBalance: database.prepare(
        `INSERT INTO "Account" ("publicKey", "balanceMinor") VALUES (unhex(?), ?)
         ON CONFLICT ("publicKey") DO UPDATE SET "balanceMinor" = excluded."balanceMinor"`,
      ),
      insertTree: database.prepare(
        `INSERT INTO "BlockTree" ("height", "interiorLevels") VALUES (?, ?) ON CONFLICT ("height") DO NOTHING`,
      ),
      // Issue 12: the block's webhook deliveries, in its own transaction (records/webhook-outbox-sql.ts).
      insertOutbox: database.prepare(sqliteOutboxInsertSql),
      readSetting: database.prepare(`SELECT "value" FROM "Setting" WHERE "key" = ?`).pluck(),
      writeSetting: database.prepare(
        `INSERT INTO "Setting" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"`,
      ),
    };
  }

  headNow(): SignedBlock | null {
    const row = this.writes.head.get() as BlockRow | undefined;
    return row === undefined ? null : blockFromRow(row);
  }

  balanceNow(account: string): bigint {
    return (this.writes.balance.get(account) as bigint | undefined) ?? 0n;
  }

  async ensureGenesis(makeGenesis: () => SignedBlock): Promise<SignedBlock> {
    const create = this.database.transaction(() => {
      const existing = this.headNow();
      if (existing !== null) return existing;
      const genesis = makeGenesis();
      this.insertBlock(genesis);
      return genesis;
    });
    return create.immediate();
  }

  /** IMMEDIATE takes SQLite's one write lock before the head and the balances are read. */
  async sealBlock(
    takeCandidates: () => readonly SealCandidate[],
    signHeader: HeaderSigner,
    nowMs: number,
  ): Promise<SealResult> {
    const seal = this.database.transaction((): SealResult => {
      const candidates = takeCandidates();
      const head = this.headNow();
      assert(head !== null, "genesis exists before any block is sealed");
      const supplyMinor = this.writes.supply.get() as bigint | undefined;
      assert(supplyMinor !== undefined, "the migration made the chain totals row");
      const plan = planSeal(
        candidates,
        (txId) => this.writes.isRecorded.get(txId) !== undefined,
        (account) => this.balanceNow(account),
        supplyMinor,
      );
      if (plan.sealed.length === 0) return { sealed: null, outcomes: plan.outcomes };
      const sealed = this.appendBlock(head, plan.sealed, signHeader, nowMs);
      for (const account of plan.touched) this.upsertBalance(account, plan.balances.get(account)!);
      return { sealed, outcomes: plan.outcomes };
    });
    return seal.immediate();
  }

  /**
   * Makes, signs and inserts the block after `head` holding `entries` in leaf order, with its tree and its log
   * nodes (balances
   * are the caller's to change). Call it inside a write transaction that read `head`; the sealer and
   * `npm run seed` both do.
   */
  appendBlock(
    head: SignedBlock,
    entries: readonly SealCandidate[],
    signHeader: HeaderSigner,
    nowMs: number,
  ): SealedBlock {
    const sealed = makeNextBlock(head, entries, signHeader, nowMs);
    this.insertBlock(sealed.block, entries, sealed.tree);
    return sealed;
  }

  async appendVerified(run: readonly AuditBlock[], balances: ReadonlyMap<string, bigint>): Promise<void> {
    const append = this.database.transaction(() => {
      const touched = new Set<string>();
      for (const { block, entries, tree, accounts } of verifiedBlockWrites(this.headNow(), run)) {
        this.insertBlock(block, entries, tree);
        for (const account of accounts) touched.add(account);
      }
      for (const account of touched) this.upsertBalance(account, balances.get(account) ?? 0n);
    });
    append.immediate();
  }

  async storeMissingTrees(): Promise<number> {
    return storeMissingSqliteTrees(this.database, this.writes.insertTree);
  }

  async storeMissingLogNodes(): Promise<number> {
    return storeMissingSqliteLogNodes(this.database, this.log);
  }

  async openSnapshot(): Promise<LedgerSnapshot> {
    // Its own connection in one read transaction: blocks sealed meanwhile do not change what it reads.
    const database = openSqlite(this.file, { readonly: true });
    database.exec("BEGIN");
    return snapshotOf(new SqliteReader(database), async () => {
      if (database.inTransaction) database.exec("ROLLBACK");
      database.close();
    });
  }

  async readSetting(key: string): Promise<string | null> {
    return (this.writes.readSetting.get(key) as string | undefined) ?? null;
  }

  async writeSetting(key: string, value: string): Promise<void> {
    this.writes.writeSetting.run(key, value);
  }

  async close(): Promise<void> {
    if (this.database.open) this.database.close();
    await this.queries.close();
  }

  private upsertBalance(account: string, balanceMinor: bigint): void {
    this.writes.upsertBalance.run(account, balanceMinor);
  }

  private insertBlock(block: SignedBlock, entries: readonly SealCandidate[] = [], tree?: MerkleTree): void {
    this.writes.insertBlock.run(blockInsertRowOf(block));
    for (const row of transactionRowsOf(block, entries)) this.writes.insertTransaction.run(row);
    const packed = tree === undefined ? null : packedTreeOf(tree);
    if (packed !== null) this.writes.insertTree.run(block.header.height, packed);
    // The log's nodes in the block's own transaction: every path that writes a block comes through here.
    this.log.appendBlock(block.header.height, block.hash);
    // And the outbox of its webhooks (issue 12): a block is never stored without them, nor they without it.
    if (entries.length > 0) {
      const sequenceFrom = sequenceOf(block.header.height, 0);
      this.writes.insertOutbox.run({ nowMs: Date.now(), sequenceFrom, sequenceEnd: sequenceFrom + entries.length });
    }
  }
}
