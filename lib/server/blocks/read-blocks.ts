// The chain's read API: pages of blocks, one block with its transactions, and headers for light clients.
import "server-only";
import { heightPattern } from "../../ledger/limits";
import type { LedgerNode } from "../node/context";
import { LedgerError } from "../../ledger/errors";
import { hex64Pattern } from "../../ledger/hex";
import type { SignedBlock, Transaction } from "../../ledger/types";
import { transactionFromRow, type TransactionRow } from "../../db/rows";
import type { BlockKey } from "../../db/prisma-reads";

export type BlocksPage = { blocks: SignedBlock[]; nextBefore: number | null };

/** Newest first; `before` is exclusive. */
export async function listBlocks(node: LedgerNode, limit: number, before: number | undefined): Promise<BlocksPage> {
  if (before !== undefined) {
    const head = await node.store.head();
    if (head === null || before > head.header.height + 1) {
      throw new LedgerError("invalid_request", "before is past the head of the chain", "before");
    }
  }
  const blocks = await node.store.queries.blocksBelow(before, limit);
  const last = blocks[blocks.length - 1]?.header.height;
  return { blocks, nextBefore: last === undefined || last === 0 ? null : last };
}

/** Ascending headers from `from`: what a verifier or light client syncs. */
export function listHeaders(node: LedgerNode, from: number, limit: number): Promise<SignedBlock[]> {
  return node.store.blocksFrom(from, limit);
}

export type BlockTransaction = { txId: string; tx: Transaction; signature: string; leafIndex: number };

function blockKey(heightOrHash: string): BlockKey {
  if (heightPattern.test(heightOrHash)) return { height: Number(heightOrHash) };
  if (hex64Pattern.test(heightOrHash)) return { hash: heightOrHash };
  throw new LedgerError("invalid_request", "must be a block height or a 64-character block hash", "heightOrHash");
}

const notFound = () => new LedgerError("not_found", "No block at this height or with this hash.");

type BlockWithTransactions = { block: SignedBlock; transactions: BlockTransaction[] };

/** A block by height or by hash, with its transactions in leaf order. */
export async function getBlockOrThrow(node: LedgerNode, heightOrHash: string): Promise<BlockWithTransactions> {
  return withTransactions(await node.store.queries.blockWithRows(blockKey(heightOrHash)));
}

/** A block and one page of its transactions (leaf indexes [offset, offset + limit)): what the explorer shows. */
export async function getBlockPageOrThrow(
  node: LedgerNode,
  heightOrHash: string,
  offset: number,
  limit: number,
): Promise<BlockWithTransactions> {
  return withTransactions(await node.store.queries.blockPageRows(blockKey(heightOrHash), offset, limit));
}

function withTransactions(found: { block: SignedBlock; rows: TransactionRow[] } | null): BlockWithTransactions {
  if (found === null) throw notFound();
  const { chainId } = found.block.header;
  return {
    block: found.block,
    transactions: found.rows.map((row) => ({
      txId: row.txId,
      tx: transactionFromRow(row, chainId),
      signature: row.signature,
      leafIndex: row.leafIndex,
    })),
  };
}
