// The chain's read API: pages of blocks, one block with its transactions, and headers for light clients.
import "server-only";
import { heightPattern } from "../../ledger/limits";
import type { LedgerNode } from "../node/context";
import { LedgerError } from "../../ledger/errors";
import { hex64Pattern } from "../../ledger/hex";
import type { SignedBlock, Transaction } from "../../ledger/types";
import { blockFromRow, transactionFromRow } from "../../db/sqlite-store";

export type BlocksPage = { blocks: SignedBlock[]; nextBefore: number | null };

/** Newest first; `before` is exclusive. */
export async function listBlocks(node: LedgerNode, limit: number, before: number | undefined): Promise<BlocksPage> {
  if (before !== undefined) {
    const head = await node.prisma.block.findFirst({ orderBy: { height: "desc" }, select: { height: true } });
    if (head === null || before > head.height + 1) {
      throw new LedgerError("invalid_request", "before is past the head of the chain", "before");
    }
  }
  const rows = await node.prisma.block.findMany({
    where: before === undefined ? {} : { height: { lt: before } },
    orderBy: { height: "desc" },
    take: limit,
  });
  const last = rows[rows.length - 1];
  return { blocks: rows.map(blockFromRow), nextBefore: last === undefined || last.height === 0 ? null : last.height };
}

/** Ascending headers from `from`: what a verifier or light client syncs. */
export async function listHeaders(node: LedgerNode, from: number, limit: number): Promise<SignedBlock[]> {
  const rows = await node.prisma.block.findMany({
    where: { height: { gte: from } },
    orderBy: { height: "asc" },
    take: limit,
  });
  return rows.map(blockFromRow);
}

export type BlockTransaction = { txId: string; tx: Transaction; signature: string; leafIndex: number };

function blockWhere(heightOrHash: string): { height: number } | { hash: string } {
  if (heightPattern.test(heightOrHash)) return { height: Number(heightOrHash) };
  if (hex64Pattern.test(heightOrHash)) return { hash: heightOrHash };
  throw new LedgerError("invalid_request", "must be a block height or a 64-character block hash", "heightOrHash");
}

const notFound = () => new LedgerError("not_found", "No block at this height or with this hash.");

/** A block by height or by hash, with its transactions in leaf order. */
export async function getBlockOrThrow(
  node: LedgerNode,
  heightOrHash: string,
): Promise<{ block: SignedBlock; transactions: BlockTransaction[] }> {
  const row = await node.prisma.block.findUnique({
    where: blockWhere(heightOrHash),
    include: { txs: { orderBy: { leafIndex: "asc" } } },
  });
  if (row === null) throw notFound();
  const block = blockFromRow(row);
  return { block, transactions: row.txs.map((tx) => toBlockTransaction(tx, block.header.chainId)) };
}

/** A block and one page of its transactions (leaf indexes [offset, offset + limit)): what the explorer shows. */
export async function getBlockPageOrThrow(
  node: LedgerNode,
  heightOrHash: string,
  offset: number,
  limit: number,
): Promise<{ block: SignedBlock; transactions: BlockTransaction[] }> {
  const row = await node.prisma.block.findUnique({ where: blockWhere(heightOrHash) });
  if (row === null) throw notFound();
  const block = blockFromRow(row);
  const rows = await node.prisma.transaction.findMany({
    where: { blockHeight: row.height, leafIndex: { gte: offset, lt: offset + limit } },
    orderBy: { leafIndex: "asc" },
  });
  return { block, transactions: rows.map((tx) => toBlockTransaction(tx, block.header.chainId)) };
}

function toBlockTransaction(
  tx: {
    txId: string;
    type: string;
    fromKey: string;
    toKey: string;
    amountMinor: bigint;
    memo: string | null;
    timestamp: string;
    signature: string;
    leafIndex: number;
  },
  chainId: string,
): BlockTransaction {
  return { txId: tx.txId, tx: transactionFromRow(tx, chainId), signature: tx.signature, leafIndex: tx.leafIndex };
}
