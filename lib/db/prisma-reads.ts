// The reads behind the read API's pages and the explorer, written once in Prisma against one client type (both
// generated clients come from identical models: lib/db/prisma.ts). Every store carries them as `store.queries`,
// beside its own prepared statements for the hot path, so that a server operation only ever sees the store.
import type { PrismaClient } from "../generated/prisma/client.ts";
import { storedHeightMax } from "../ledger/limits";
import type { SignedBlock } from "../ledger/types";
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
export function prismaReads(databaseUrl: string) {
  let client: PrismaClient | null = null;
  const prisma = () => (client ??= getPrisma(databaseUrl));
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

    /** The account's transactions newest first, below chain position `before` (exclusive) when it is given. */
    async accountRows(account: string, before: number | undefined, limit: number): Promise<AccountRow[]> {
      const rows = await prisma().transaction.findMany({
        where: {
          OR: [{ fromKey: account }, { toKey: account }],
          ...(before === undefined ? {} : { sequence: { lt: before } }),
        },
        orderBy: { sequence: "desc" },
        take: limit,
        include: { block: { select: { chainId: true } } },
      });
      return rows.map(({ block, ...row }) => ({ ...row, chainId: block.chainId }));
    },

    /** Blocks after genesis sealed at or after `sinceIso`, newest first, at most `limit`. */
    blocksSince(sinceIso: string | undefined, limit: number): Promise<BlockActivity[]> {
      return prisma().block.findMany({
        where: { height: { gt: 0 }, ...(sinceIso === undefined ? {} : { timestamp: { gte: sinceIso } }) },
        orderBy: { height: "desc" },
        take: limit,
        select: activityColumns,
      });
    },

    async chainTotals(): Promise<ChainTotals> {
      const [blocks, accounts] = await Promise.all([
        prisma().block.aggregate({ _sum: { txCount: true }, _max: { height: true } }),
        prisma().account.aggregate({ _sum: { balanceMinor: true }, _count: true }),
      ]);
      return {
        headHeight: blocks._max.height ?? 0,
        transactions: blocks._sum.txCount ?? 0,
        supplyMinor: accounts._sum.balanceMinor ?? 0n,
        accounts: accounts._count,
      };
    },

    /** Block hashes, txIds and account keys (holders, payers and payees) that start with `prefix`. */
    async keysWithPrefix(prefix: string, limit: number): Promise<PrefixMatches> {
      // A hex prefix p covers the keys from p up to (not including) p followed by "g", the character after "f".
      const range = { gte: prefix, lt: `${prefix}g` };
      const [blocks, transactions, accounts, payers, payees] = await Promise.all([
        prisma().block.findMany({ where: { hash: range }, take: limit, select: { height: true, hash: true } }),
        prisma().transaction.findMany({ where: { txId: range }, take: limit, select: { txId: true } }),
        prisma().account.findMany({ where: { publicKey: range }, take: limit, select: { publicKey: true } }),
        prisma().transaction.findMany({
          where: { fromKey: range },
          take: limit,
          distinct: ["fromKey"],
          select: { fromKey: true },
        }),
        prisma().transaction.findMany({
          where: { toKey: range },
          take: limit,
          distinct: ["toKey"],
          select: { toKey: true },
        }),
      ]);
      return {
        blocks,
        txIds: transactions.map((row) => row.txId),
        accounts: [
          ...new Set([
            ...accounts.map((row) => row.publicKey),
            ...payers.map((row) => row.fromKey),
            ...payees.map((row) => row.toKey),
          ]),
        ],
      };
    },

    /** Disconnects the client, if a read made one. */
    async close(): Promise<void> {
      if (client !== null) await disconnectPrisma();
      client = null;
    },
  };
}

export type PrismaReads = ReturnType<typeof prismaReads>;
