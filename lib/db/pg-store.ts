// The node's store on PostgreSQL, for several app instances in front of one database server. Sealing is
// serialised through the database, not the process: each seal takes a transaction-level advisory lock before it
// reads the head and the balances, so whichever instance a payment reaches, blocks are sealed one after another
// on the head the last one left. The unique height, prevHash and txId constraints and the balance CHECK stay
// the last line: were the lock ever bypassed, the database would refuse a fork or an overdraft, not store it.
import pg from "pg";
import { defaultPostgresTimeouts, postgresTimeoutOptions } from "./database-url";
import { assert } from "../ledger/errors";
import type { AuditBlock } from "../ledger/audit";
import type { SignedBlock } from "../ledger/types";
import { snapshotOf, SqlLedgerReader, verifiedBlockWrites } from "./ledger-store";
import type { LedgerSnapshot, LedgerStore, SealResult, StoredReceipt } from "./ledger-store";
import type { PrismaReads } from "./prisma-reads";
import {
  blockFromPgJson,
  columnOfHex,
  hexOfColumn,
  millisecondsOfIso,
  sequenceOf,
  transactionRowsOf,
  type PgJsonBlockRow,
  type TransactionInsertRow,
} from "./rows";
import { packedTreeOf } from "./stored-trees";
import {
  readPackedTrees,
  readStoredReceipt,
  readStoredReceipts,
  storeMissingPgTrees,
  type Queryable,
} from "./pg-trees";
import type { MerkleTree } from "../ledger/merkle";
import { makeNextBlock, planSeal, type HeaderSigner, type SealCandidate } from "../ledger/seal";
import { hexToBytes } from "../ledger/hex";
import { appendLeaves, type LogNode } from "../ledger/log/tree";
import { pgOutboxCte } from "./records/webhook-outbox-sql";
import { frontierForAppend, sealLogStateSql, storeMissingLogRun, type SealLogState } from "./log-tree/pg-log";

// The advisory lock every instance takes to seal: two 32-bit keys, "chai" "npay".
const beginUnderSealLockSql = `BEGIN; SELECT pg_advisory_xact_lock(${0x63686169}, ${0x6e706179})`;

const int8Oid = 20;

/** 64-bit integers as bigint (pg's default is a string), so that amounts stay exact. */
const exactTypes = {
  getTypeParser(oid: number, format: "text" | "binary" = "text"): (text: string) => unknown {
    if (oid === int8Oid && format === "text") return (text: string) => BigInt(text);
    return pg.types.getTypeParser(oid, format) as (text: string) => unknown;
  },
};

export function openPostgresPool(url: string, timeouts = defaultPostgresTimeouts, max = 10): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: exactTypes,
    application_name: "chainpay",
    // The seal's head and a receipt's block come back inside row_to_json, where a bytea is its text form: hex
    // (rows.ts blockFromPgJson), whatever a server's default says.
    options: "-c bytea_output=hex",
    ...postgresTimeoutOptions(timeouts),
  });
  // An idle connection the server drops (restart, network) must not crash the node; the next query reconnects.
  pool.on("error", (error) => console.error("PostgreSQL connection error", error.message));
  // Nor one it ends while checked out between two statements (a transaction idle past its limit): the pool's
  // listener covers idle connections only, and the transaction's next statement fails on its own.
  pool.on("connect", (client) =>
    client.on("error", (error) => console.error("PostgreSQL connection error", error.message)),
  );
  return pool;
}

const snapshotBeginSql = `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;
  SET LOCAL statement_timeout = 0; SET LOCAL idle_in_transaction_session_timeout = 0`;

/**
 * One connection's queries one after another. A connection runs one query at a time; the reads of a snapshot or a
 * seal overlap (the audit asks for a run's blocks and its trees at once), and pg's own queue for that is
 * deprecated (removed in pg 9).
 */
function oneAtATime(client: pg.PoolClient): Queryable {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    query: ((...args: Parameters<pg.PoolClient["query"]>) => {
      const run = tail.then(() => (client.query as (...given: typeof args) => Promise<unknown>)(...args));
      tail = run.catch(() => undefined);
      return run;
    }) as pg.PoolClient["query"],
  };
}

/** The chain's reads (ledger-store.ts) over the pool, or over one transaction's connection. */
class PgReader extends SqlLedgerReader {
  private readonly db: Queryable;

  constructor(db: pg.Pool | pg.PoolClient) {
    super();
    this.db = db instanceof pg.Pool ? db : oneAtATime(db);
  }

  // pg's int8 parser (exactTypes) already reads every BIGINT column as a bigint, exact or not.
  protected async rows<Row>(sql: string, parameters: readonly unknown[]): Promise<Row[]> {
    return (await this.db.query(sql, [...parameters])).rows as Row[];
  }

  packedTreesOf(fromHeight: number, endHeight: number): Promise<Map<number, Uint8Array>> {
    return readPackedTrees(this.db, fromHeight, endHeight);
  }

  /** One round trip for a whole run's txIds (an array parameter), where SQLite takes them in chunks. */
  override async txIdsBelow(txIds: readonly string[], height: number): Promise<Set<string>> {
    const { rows } = await this.db.query<{ txId: Uint8Array }>(
      `SELECT "txId" FROM "Transaction" WHERE "sequence" < $1 AND "txId" = ANY($2::bytea[])`,
      [sequenceOf(height, 0), txIds.map(columnOfHex)],
    );
    return new Set(rows.map((row) => hexOfColumn(row.txId)));
  }

  storedReceipt(txId: string): Promise<StoredReceipt | null> {
    return readStoredReceipt(this.db, txId);
  }

  storedReceipts(txIds: readonly string[]): Promise<Map<string, StoredReceipt>> {
    return readStoredReceipts(this.db, txIds);
  }
}

const transactionColumns = `"sequence", "txId", "blockHeight", "leafIndex", "type", "fromKey", "toKey", "amountMinor", "memo", "timestampMs", "signature"`;
const transactionArrays = `$10::bigint[], $11::text[], $12::int[], $13::int[], $14::text[], $15::text[], $16::text[], $17::bigint[], $18::text[], $19::bigint[], $20::text[]`;
/** The unnested rows as stored: hashes, keys and signatures go as hex text and are stored as bytes (decode, in C). */
const transactionValues = `t."sequence", decode(t."txId", 'hex'), t."blockHeight", t."leafIndex", t."type", decode(t."fromKey", 'hex'),
  decode(t."toKey", 'hex'), t."amountMinor", t."memo", t."timestampMs", decode(t."signature", 'hex')`;

/**
 * A block, its transactions, its log tree nodes, its webhook deliveries (issue 12) and the balances it leaves, in one statement (one round trip while the chain's
 * lock is held): each table's rows go as arrays, one per column, unnested into rows. The foreign key from the
 * transactions to their block is checked at the end of the statement, when the block is there.
 */
const writeBlockSql = `WITH "block" AS (
    INSERT INTO "Block" ("height", "hash", "prevHash", "version", "chainId", "merkleRoot", "txCount", "timestampMs", "signature")
    VALUES ($1, decode($2, 'hex'), decode($3, 'hex'), $4, $5, decode($6, 'hex'), $7, $8, decode($9, 'hex'))
  ), "transactions" AS (
    INSERT INTO "Transaction" (${transactionColumns})
    SELECT ${transactionValues} FROM unnest(${transactionArrays}) AS t(${transactionColumns})
  ), "tree" AS (
    INSERT INTO "BlockTree" ("height", "interiorLevels") SELECT $1, $23::bytea WHERE $23::bytea IS NOT NULL
  ), "log" AS (
    INSERT INTO "LogTreeNode" ("level", "index", "hash") SELECT * FROM unnest($24::int[], $25::int[], $26::bytea[])
  ), ${pgOutboxCte({ txIds: "$11", fromKeys: "$15", toKeys: "$16", height: "$1", nowMs: "$27" })}
  INSERT INTO "Account" ("publicKey", "balanceMinor")
  SELECT decode(a."publicKey", 'hex'), a."balanceMinor" FROM unnest($21::text[], $22::bigint[]) AS a("publicKey", "balanceMinor")
  ON CONFLICT ("publicKey") DO UPDATE SET "balanceMinor" = excluded."balanceMinor"`;

async function writeBlock(
  db: Queryable,
  block: SignedBlock,
  tree: MerkleTree | null,
  logNodes: readonly LogNode[],
  rows: readonly TransactionInsertRow[],
  accounts: Iterable<string>,
  balances: ReadonlyMap<string, bigint>,
): Promise<void> {
  const packed = tree === null ? null : packedTreeOf(tree);
  const { header } = block;
  const column = <K extends keyof TransactionInsertRow>(key: K) => rows.map((row) => row[key]);
  const keys = [...accounts];
  await db.query(writeBlockSql, [
    header.height,
    block.hash,
    header.prevHash,
    header.version,
    header.chainId,
    header.merkleRoot,
    header.txCount,
    millisecondsOfIso(header.timestamp),
    block.signature,
    column("sequence"),
    column("txId"),
    column("blockHeight"),
    column("leafIndex"),
    column("type"),
    column("fromKey"),
    column("toKey"),
    column("amountMinor").map(String),
    column("memo"),
    column("timestampMs"),
    column("signature"),
    keys,
    keys.map((key) => String(balances.get(key) ?? 0n)),
    packed === null ? null : Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength),
    logNodes.map((node) => node.level),
    logNodes.map((node) => node.index),
    logNodes.map(({ hash }) => Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength)),
    String(Date.now()),
  ]);
}

/**
 * What a seal reads once it holds the lock, in one round trip: the head, which candidates are recorded, the
 * balances, and the total supply (kept by the migration's triggers). The txIds and keys come back as hex.
 */
const sealStateSql = `SELECT
  (SELECT row_to_json("head") FROM (SELECT * FROM "Block" ORDER BY "height" DESC LIMIT 1) "head") AS "head",
  (SELECT "supplyMinor"::text FROM "ChainTotals" WHERE "id" = 1) AS "supplyMinor",
  (SELECT coalesce(json_agg(encode("txId", 'hex')), '[]'::json) FROM "Transaction"
    WHERE "txId" IN (SELECT decode(x, 'hex') FROM unnest($1::text[]) AS x)) AS "recorded",
  (SELECT coalesce(json_object_agg(encode("publicKey", 'hex'), "balanceMinor"::text), '{}'::json) FROM "Account"
    WHERE "publicKey" IN (SELECT decode(x, 'hex') FROM unnest($2::text[]) AS x)) AS "balances",
  ${sealLogStateSql}`;

type SealState = SealLogState & {
  head: PgJsonBlockRow | null;
  supplyMinor: string | null;
  recorded: string[];
  balances: Record<string, string>;
};

/** The log nodes of `block`, the next leaf after a log whose frontier is given. */
function logNodesOf(block: SignedBlock, frontier: readonly Uint8Array[]): LogNode[] {
  return appendLeaves(block.header.height, frontier, [hexToBytes(block.hash)]).nodes;
}

export class PgLedgerStore extends PgReader implements LedgerStore {
  readonly kind = "postgres";
  readonly pool: pg.Pool;
  readonly queries: PrismaReads;

  constructor(pool: pg.Pool, queries: PrismaReads) {
    super(pool);
    this.pool = pool;
    this.queries = queries;
  }

  async ensureGenesis(makeGenesis: () => SignedBlock): Promise<SignedBlock> {
    return this.underSealLock(async (client) => {
      const existing = await new PgReader(client).head();
      if (existing !== null) return existing;
      const genesis = makeGenesis();
      const logNodes = logNodesOf(genesis, await frontierForAppend(client, 0));
      await writeBlock(client, genesis, null, logNodes, [], [], new Map());
      return genesis;
    });
  }

  async sealBlock(
    takeCandidates: () => readonly SealCandidate[],
    signHeader: HeaderSigner,
    nowMs: number,
  ): Promise<SealResult> {
    return this.underSealLock(async (client) => {
      const candidates = takeCandidates();
      const txIds = candidates.map((item) => item.txId);
      const accounts = [...new Set(candidates.flatMap(({ signed }) => [signed.tx.from, signed.tx.to]))];
      const { rows } = await client.query<SealState>(sealStateSql, [txIds, accounts]);
      const { head, supplyMinor, recorded, balances, ...logState } = rows[0]!;
      assert(head !== null, "genesis exists before any block is sealed");
      assert(supplyMinor !== null, "the migration made the chain totals row");
      const isRecorded = new Set(recorded);
      const plan = planSeal(
        candidates,
        (txId) => isRecorded.has(txId),
        (account) => BigInt(balances[account] ?? "0"),
        BigInt(supplyMinor),
      );
      if (plan.sealed.length === 0) return { sealed: null, outcomes: plan.outcomes };
      const sealed = makeNextBlock(blockFromPgJson(head), plan.sealed, signHeader, nowMs);
      const { block, tree } = sealed;
      const logNodes = logNodesOf(block, await frontierForAppend(client, block.header.height, logState));
      const transactionRows = transactionRowsOf(block, plan.sealed);
      await writeBlock(client, block, tree, logNodes, transactionRows, plan.touched, plan.balances);
      return { sealed, outcomes: plan.outcomes };
    });
  }

  async appendVerified(run: readonly AuditBlock[], balances: ReadonlyMap<string, bigint>): Promise<void> {
    if (run.length === 0) return;
    await this.underSealLock(async (client) => {
      const head = await new PgReader(client).head();
      const writes = verifiedBlockWrites(head, run);
      let frontier = await frontierForAppend(client, head === null ? 0 : head.header.height + 1);
      for (const { block, entries, tree, accounts } of writes) {
        const appended = appendLeaves(block.header.height, frontier, [hexToBytes(block.hash)]);
        frontier = appended.frontier;
        // Each block's accounts at the balances the whole run leaves: the run commits as one.
        await writeBlock(client, block, tree, appended.nodes, transactionRowsOf(block, entries), accounts, balances);
      }
    });
  }

  storeMissingTrees(): Promise<number> {
    return storeMissingPgTrees(this.pool);
  }

  async storeMissingLogNodes(): Promise<number> {
    let stored = 0;
    // A run per transaction under the chain's lock: a node sealing meanwhile waits for one run, not all.
    for (let count = await this.underSealLock(storeMissingLogRun); count > 0;) {
      stored += count;
      count = await this.underSealLock(storeMissingLogRun);
    }
    return stored;
  }

  async openSnapshot(): Promise<LedgerSnapshot> {
    const client = await this.pool.connect();
    try {
      // REPEATABLE READ: every query of the snapshot sees the database as of its first one. A snapshot feeds a
      // large export or an audit of the whole chain at its reader's pace, so the connection's statement limits are
      // lifted for its transaction only; the export and the audit bound their own time.
      await client.query(snapshotBeginSql);
    } catch (error) {
      client.release(true);
      throw error;
    }
    return snapshotOf(new PgReader(client), async () => {
      try {
        await client.query("ROLLBACK");
        client.release();
      } catch (error) {
        client.release(error as Error);
      }
    });
  }

  async readSetting(key: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ value: string }>(`SELECT "value" FROM "Setting" WHERE "key" = $1`, [key]);
    return rows[0]?.value ?? null;
  }

  async writeSetting(key: string, value: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO "Setting" ("key", "value") VALUES ($1, $2) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"`,
      [key, value],
    );
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.end(), this.queries.close()]);
  }

  /**
   * One transaction holding the chain's advisory lock. READ COMMITTED on purpose: each statement after the lock
   * sees every block committed before it was granted (REPEATABLE READ would read from a snapshot taken while
   * still waiting for it). The lock is released by COMMIT or ROLLBACK.
   */
  private async underSealLock<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let isBroken = false;
    try {
      // One round trip: a simple query may hold both statements.
      await client.query(beginUnderSealLockSql);
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      try {
        await client.query("ROLLBACK");
      } catch {
        isBroken = true;
      }
      throw error;
    } finally {
      client.release(isBroken);
    }
  }
}
