// The reads behind the read API's pages and the explorer, written once in Prisma against one client type (both
// generated clients come from identical models: lib/db/prisma.ts). Every store carries them as `store.queries`,
// beside its own prepared statements for the hot path, so that a server operation only ever sees the store.
import type { PrismaClient } from "../generated/prisma/client.ts";
import { storedHeightMax } from "../ledger/limits";
import { assert } from "../ledger/errors";
import type { SignedBlock } from "../ledger/types";
import type { PostgresTimeouts } from "./database-url";
import { disconnectPrisma, getPrisma } from "./prisma";
import { blockFromRow, type TransactionRow } from "./rows";

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

/** A height no block can have (lib/ledger/limits.ts storedHeightMax): such a key finds nothing. */
function isPastStoredHeights(key: BlockKey): boolean {
  return "height" in key && key.height > storedHeightMax;
}

const activityColumns = { height: true, txCount: true, timestamp: true } as const;

/** The Prisma reads over `databaseUrl`; the client is made on the first read, so scripts that never read pay nothing. */
export function prismaReads(databaseUrl: string, timeouts?: PostgresTimeouts) {
  let client: PrismaClient | null = null;
  return {
    ...readsOver(() => (client ??= getPrisma(databaseUrl, timeouts))),

    /** Disconnects the client, if a read made one. */
    async close(): Promise<void> {
      if (client !== null) await disconnectPrisma();
      client = null;
    },
  };
}

export type PrismaReads = ReturnType<typeof prismaReads>;

/** The reads over whichever client `prisma` gives (the node's one client; a test's that logs its SQL). */
export function readsOver(prisma: () => PrismaClient) {
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
      if (isPastStoredHeights(key)) return null;
      const row = await prisma().block.findUnique({ where: key, include: { txs: { orderBy: { leafIndex: "asc" } } } });
      return row === null ? null : { block: blockFromRow(row), rows: row.txs };
    },

    /** A block with the transaction rows of leaf indexes [offset, offset + limit). */
    async blockPageRows(
      key: BlockKey,
      offset: number,
      limit: number,
    ): Promise<{ block: SignedBlock; rows: TransactionRow[] } | null> {
      if (isPastStoredHeights(key)) return null;
      const row = await prisma().block.findUnique({
        where: key,
        include: { txs: { where: { leafIndex: { gte: offset, lt: offset + limit } }, orderBy: { leafIndex: "asc" } } },
      });
      return row === null ? null : { block: blockFromRow(row), rows: row.txs };
    },

    /**
     * The account's transactions newest first, below chain position `before` (exclusive) when it is given. Two
     * range reads of the (fromKey, sequence) and (toKey, sequence) indexes, each stopping after `limit` rows, merged:
     * O(limit) rows however long the account's history is. (One query with `fromKey OR toKey` ordered by sequence
     * cannot be served in order by either index, so the databases read the account's whole history to sort it.)
     */
    async accountRows(account: string, before: number | undefined, limit: number): Promise<AccountRow[]> {
      const below = before === undefined ? {} : { sequence: { lt: before } };
      const read = (side: { fromKey: string } | { toKey: string }) =>
        prisma().transaction.findMany({ where: { ...side, ...below }, orderBy: { sequence: "desc" }, take: limit });
      // Every block carries the chain id genesis names (the node checked each transaction's against it), so one
      // read of genesis gives it, rather than one more query per run for the rows' blocks.
      const [paid, received, genesis] = await Promise.all([
        read({ fromKey: account }),
        read({ toKey: account }),
        prisma().block.findUnique({ where: { height: 0 }, select: { chainId: true } }),
      ]);
      const chainId = genesis?.chainId ?? "";
      return newestFirst(paid, received, limit).map((row) => ({ ...row, chainId }));
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
      if (sinceIso === undefined) return newest;
      const older = newest.findIndex((block) => block.timestamp < sinceIso);
      return older === -1 ? newest : newest.slice(0, older);
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
     * Account table's key finds them all; only the node key, which signs mints and holds nothing, has none.
     */
    async keysWithPrefix(prefix: string, limit: number): Promise<PrefixMatches> {
      // A hex prefix p covers the keys from p up to (not including) p followed by "g", the character after "f".
      const range = { gte: prefix, lt: `${prefix}g` };
      const [blocks, transactions, accounts] = await Promise.all([
        prisma().block.findMany({
          where: { hash: range },
          orderBy: { hash: "asc" },
          take: limit,
          select: { height: true, hash: true },
        }),
        prisma().transaction.findMany({
          where: { txId: range },
          orderBy: { txId: "asc" },
          take: limit,
          select: { txId: true },
        }),
        prisma().account.findMany({
          where: { publicKey: range },
          orderBy: { publicKey: "asc" },
          take: limit,
          select: { publicKey: true },
        }),
      ]);
      return {
        blocks,
        txIds: transactions.map((row) => row.txId),
        accounts: accounts.map((row) => row.publicKey),
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
