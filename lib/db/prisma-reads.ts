// The reads behind the read API's pages and the explorer, written once in Prisma against one client type (both
// generated clients come from identical models: lib/db/prisma.ts). Every store carries them as `store.queries`,
// beside its own prepared statements for the hot path, so that a server operation only ever sees the store.
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { blockTransactionsMax, storedHeightMax } from "../ledger/limits";
import { assert } from "../ledger/errors";
import type { SignedBlock } from "../ledger/types";
import { databaseKind, type DatabaseKind, type PostgresTimeouts } from "./database-url";
import { disconnectPrisma, getPrisma } from "./prisma";
import { byteRangeOfHexPrefix } from "./keys/hex-prefix";
import { hex64Pattern } from "../ledger/hex";
import { keyPrefixLength, keyPrefixOf } from "./keys/key-prefix";
import { blockFromRow, columnOfHex, hexOfColumn, isoOfMilliseconds, sequenceOf, type TransactionRow } from "./rows";

/** A block picked by height or by hash. */
export type BlockKey = { height: number } | { hash: string };

/** What the explorer's figures and charts need of a block. */
export type BlockActivity = { height: number; txCount: number; timestamp: string };

export type ChainTotals = { headHeight: number; transactions: number; supplyMinor: bigint; accounts: number };

/** A transaction row of an account's history, with its block's chain id. */
export type AccountRow = TransactionRow & { chainId: string };

/** The keys of each kind that start with a hex prefix, at most `limit` of each. */
export type PrefixMatches = {
  blocks: { height: number; hash: string }[];
  txIds: string[];
  accounts: string[];
};

/**
 * The block's unique key as the database stores it (the hash as its bytes); null for a key no block can have: a
 * height past the stored ones (lib/ledger/limits.ts storedHeightMax) or a hash that is not 64 hex characters.
 */
function storedKeyOf(key: BlockKey): { height: number } | { hash: Uint8Array<ArrayBuffer> } | null {
  if ("height" in key) return key.height > storedHeightMax ? null : key;
  return hex64Pattern.test(key.hash) ? { hash: columnOfHex(key.hash) } : null;
}

/** Transaction rows of the block at `height` from leaf `offset`, at most `limit`: a range of the sequence key. */
function leafRange(height: number, offset: number, limit: number) {
  return { sequence: { gte: sequenceOf(height, 0) + offset, lt: sequenceOf(height, 0) + offset + limit } };
}

const activityColumns = { height: true, txCount: true, timestampMs: true } as const;

/** The Prisma reads over `databaseUrl`; the client is made on the first read, so scripts that never read pay nothing. */
export function prismaReads(databaseUrl: string, timeouts?: PostgresTimeouts) {
  let client: PrismaClient | null = null;
  return {
    ...readsOver(() => (client ??= getPrisma(databaseUrl, timeouts)), databaseKind(databaseUrl)),

    /** Disconnects the client, if a read made one. */
    async close(): Promise<void> {
      if (client !== null) await disconnectPrisma();
      client = null;
    },
  };
}

export type PrismaReads = ReturnType<typeof prismaReads>;

/** The reads over whichever client `prisma` gives (the node's one client; a test's that logs its SQL). */
export function readsOver(prisma: () => PrismaClient, kind: DatabaseKind) {
  return {
    /** Newest first, below `before` (exclusive) when it is given. */
    async blocksBelow(before: number | undefined, limit: number): Promise<SignedBlock[]> {
      const rows = await prisma().block.findMany({
        // Every block is below a height past the stored ones; PostgreSQL would refuse that value itself.
        where: before === undefined || before > storedHeightMax ? {} : { height: { lt: before } },
        orderBy: { height: "desc" },
        take: limit,
      });
      return rows.map(blockFromRow);
    },

    /** A block with every transaction row, in leaf order. */
    async blockWithRows(key: BlockKey): Promise<{ block: SignedBlock; rows: TransactionRow[] } | null> {
      return this.blockPageRows(key, 0, blockTransactionsMax);
    },

    /**
     * A block with the transaction rows of leaf indexes [offset, offset + limit): the block by its key, then its
     * rows as a range of the transactions' primary key (no index on the block's height is kept for them).
     */
    async blockPageRows(
      key: BlockKey,
      offset: number,
      limit: number,
    ): Promise<{ block: SignedBlock; rows: TransactionRow[] } | null> {
      const where = storedKeyOf(key);
      if (where === null) return null;
      const row = await prisma().block.findUnique({ where });
      if (row === null) return null;
      const rows = await prisma().transaction.findMany({
        where: leafRange(row.height, offset, Math.min(limit, row.txCount)),
        orderBy: { sequence: "asc" },
      });
      return { block: blockFromRow(row), rows };
    },

    /**
     * The account's transactions newest first, below chain position `before` (exclusive) when it is given. Two
     * range reads of the account indexes (the key's first 8 bytes, then the chain position; keys/key-prefix.ts),
     * each stopping after `limit` rows, merged: O(limit) rows however long the account's history is. (One query
     * with `fromKey OR toKey` ordered by sequence cannot be served in order by either index, so the databases read
     * the account's whole history to sort it.) Each statement matches the prefix as the index holds it and the
     * whole key as the row does, as key-prefix.ts's `keyMatchSql` writes it (a tagged statement binds values, so
     * it writes the same text with the key bound rather than placed).
     */
    async accountRows(account: string, before: number | undefined, limit: number): Promise<AccountRow[]> {
      if (!hex64Pattern.test(account)) return [];
      const key = columnOfHex(account);
      const prefix = keyPrefixOf(key);
      const client = prisma();
      const side = kind === "postgres" ? postgresAccountSide : sqliteAccountSide;
      // Every block carries the chain id genesis names (the node checked each transaction's against it), so one
      // read of genesis gives it, rather than one more query per run for the rows' blocks.
      const [paid, received, genesis] = await Promise.all([
        side(client, `"fromKey"`, key, prefix, before, limit),
        side(client, `"toKey"`, key, prefix, before, limit),
        client.block.findUnique({ where: { height: 0 }, select: { chainId: true } }),
      ]);
      const chainId = genesis?.chainId ?? "";
      return newestFirst(paid.map(transactionRowOfRaw), received.map(transactionRowOfRaw), limit).map((row) => ({
        ...row,
        chainId,
      }));
    },

    /**
     * Blocks after genesis sealed at or after `sinceIso`, newest first, at most `limit`. It reads the newest `limit`
     * blocks by height and keeps those recent enough: block times never go backwards, so the recent blocks are a
     * run at the top, and a quiet hour costs `limit` rows rather than a walk down the whole chain looking for them.
     */
    async blocksSince(sinceIso: string | undefined, limit: number): Promise<BlockActivity[]> {
      const newest = await prisma().block.findMany({
        where: { height: { gt: 0 } },
        orderBy: { height: "desc" },
        take: limit,
        select: activityColumns,
      });
      const activity = newest.map(({ height, txCount, timestampMs }) => ({
        height,
        txCount,
        timestamp: isoOfMilliseconds(timestampMs),
      }));
      if (sinceIso === undefined) return activity;
      // ISO 8601 text in one format orders as its instants do.
      const older = activity.findIndex((block) => block.timestamp < sinceIso);
      return older === -1 ? activity : activity.slice(0, older);
    },

    /** The chain's figures in O(1): the head and the totals row the database keeps up to date (the migration's triggers). */
    async chainTotals(): Promise<ChainTotals> {
      const [head, totals] = await Promise.all([
        prisma().block.findFirst({ orderBy: { height: "desc" }, select: { height: true } }),
        prisma().chainTotals.findUnique({ where: { id: 1 } }),
      ]);
      assert(totals !== null, "the migration made the chain totals row");
      return {
        headHeight: head?.height ?? 0,
        transactions: Number(totals.transactions),
        supplyMinor: totals.supplyMinor,
        accounts: Number(totals.accounts),
      };
    },

    /**
     * Block hashes, txIds and account keys that start with `prefix`, each a range read of a unique index stopping
     * after `limit`. Every payer and payee has an Account row (a payee is credited, a payer had funds), so the
     * Account table's key finds them all; only the node key, which signs mints and holds nothing, has none. The
     * keys are stored as bytes, and Prisma's filters on bytes know no range: the three reads are SQL, the same on
     * both databases.
     */
    async keysWithPrefix(prefix: string, limit: number): Promise<PrefixMatches> {
      const { from, below } = byteRangeOfHexPrefix(prefix);
      // A prefix of only f's has no byte string past its keys; but every key here is 32 bytes, and each sorts
      // below 33 bytes of ff. Both bounds in the WHERE, so that each read stops at its range's end.
      const upper = below ?? Buffer.alloc(33, 0xff);
      const client = prisma();
      const [blocks, transactions, accounts] = await Promise.all([
        client.$queryRaw<{ height: number; hash: Uint8Array }[]>`SELECT "height", "hash" FROM "Block"
          WHERE "hash" >= ${from} AND "hash" < ${upper} ORDER BY "hash" LIMIT ${limit}`,
        client.$queryRaw<{ txId: Uint8Array }[]>`SELECT "txId" FROM "Transaction"
          WHERE "txId" >= ${from} AND "txId" < ${upper} ORDER BY "txId" LIMIT ${limit}`,
        client.$queryRaw<{ publicKey: Uint8Array }[]>`SELECT "publicKey" FROM "Account"
          WHERE "publicKey" >= ${from} AND "publicKey" < ${upper} ORDER BY "publicKey" LIMIT ${limit}`,
      ]);
      return {
        blocks: blocks.map((row) => ({ height: Number(row.height), hash: hexOfColumn(row.hash) })),
        txIds: transactions.map((row) => hexOfColumn(row.txId)),
        accounts: accounts.map((row) => hexOfColumn(row.publicKey)),
      };
    },
  };
}

/**
 * The `limit` newest of two newest-first runs of an account's rows, each already cut at `limit`: the rows it
 * pays and the rows it receives. A row in both (a payment to oneself, which the protocol refuses but a stored
 * chain could hold) appears once.
 */
export function newestFirst<Row extends { sequence: number }>(
  paid: readonly Row[],
  received: readonly Row[],
  limit: number,
): Row[] {
  const merged: Row[] = [];
  let paidAt = 0;
  let receivedAt = 0;
  while (merged.length < limit) {
    const fromPaid = paid[paidAt];
    const fromReceived = received[receivedAt];
    if (fromPaid === undefined && fromReceived === undefined) break;
    if (fromReceived === undefined || (fromPaid !== undefined && fromPaid.sequence > fromReceived.sequence)) {
      merged.push(fromPaid!);
      paidAt += 1;
    } else {
      if (fromPaid?.sequence === fromReceived.sequence) paidAt += 1;
      merged.push(fromReceived);
      receivedAt += 1;
    }
  }
  return merged;
}

/** A transaction row as a raw statement gives it: integers as numbers or bigints, whichever the database sends. */
type RawTransactionRow = Omit<TransactionRow, "sequence" | "blockHeight" | "leafIndex" | "amountMinor"> & {
  sequence: number | bigint;
  blockHeight: number | bigint;
  leafIndex: number | bigint;
  amountMinor: number | bigint;
};

function transactionRowOfRaw(row: RawTransactionRow): TransactionRow {
  // An amount read as a number would have lost its exactness past 2^53: both drivers send BIGINT columns as
  // bigints to a raw statement, and this says so if one ever does not.
  assert(typeof row.amountMinor === "bigint", "an amount was read as a JavaScript number");
  return {
    ...row,
    sequence: Number(row.sequence),
    blockHeight: Number(row.blockHeight),
    leafIndex: Number(row.leafIndex),
    amountMinor: row.amountMinor,
  };
}

type AccountSide = (
  client: PrismaClient,
  column: `"fromKey"` | `"toKey"`,
  key: Buffer,
  prefix: Buffer,
  before: number | undefined,
  limit: number,
) => Promise<RawTransactionRow[]>;

/** The condition that `column` holds `key`: its indexed prefix, then the whole key (keys/key-prefix.ts). */
function keyMatch(column: `"fromKey"` | `"toKey"`, key: Buffer, prefix: Buffer): Prisma.Sql {
  const name = Prisma.raw(column);
  return Prisma.sql`substr(${name}, 1, ${Prisma.raw(String(keyPrefixLength))}) = ${prefix} AND ${name} = ${key}`;
}

/**
 * SQLite: the index entries end with the rowid, which is the sequence, so the index gives the rows in chain order
 * and `sequence < before` is a range of it. (SQLite keeps no statistics here: it takes the index.)
 */
const sqliteAccountSide: AccountSide = (client, column, key, prefix, before, limit) => {
  const below = before ?? sequenceOf(storedHeightMax + 1, 0);
  return client.$queryRaw`SELECT * FROM "Transaction" WHERE ${keyMatch(column, key, prefix)} AND "sequence" < ${below}
    ORDER BY "sequence" DESC LIMIT ${limit}`;
};

/**
 * PostgreSQL: in (blockHeight, leafIndex) order, the chain's order too, which its account indexes hold and its
 * primary key does not. Ordered by "sequence", PostgreSQL may walk the primary key backwards and filter, on the
 * assumption that a frequent account's rows are spread evenly; when they are old, that walk reads every row
 * sealed since (measured: 203,033 rows for a page). No other index gives this order, so the account's is taken.
 */
const postgresAccountSide: AccountSide = (client, column, key, prefix, before, limit) => {
  // Past every stored position with no height past the stored ones, which an integer column would refuse.
  const isPastAll = before === undefined || before > lastSequence;
  const height = isPastAll ? storedHeightMax : Math.floor(before / blockTransactionsMax);
  const leaf = isPastAll ? blockTransactionsMax : before % blockTransactionsMax;
  return client.$queryRaw`SELECT * FROM "Transaction"
    WHERE ${keyMatch(column, key, prefix)} AND ("blockHeight", "leafIndex") < (${height}, ${leaf})
    ORDER BY "blockHeight" DESC, "leafIndex" DESC LIMIT ${limit}`;
};

/** The chain position of the last transaction a stored block can hold. */
const lastSequence = sequenceOf(storedHeightMax, blockTransactionsMax - 1);
