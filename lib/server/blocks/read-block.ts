// GET /api/blocks/:heightOrHash: one block, found by height or by hash, with all its transactions.
import "server-only";
import { heightPattern } from "../../ledger/limits";
import { LedgerError } from "../../ledger/errors";
import { hex64Pattern } from "../../ledger/hex";
import type { SignedBlock, Transaction } from "../../ledger/types";
import { blockTransactionOf, type TransactionRow } from "../../db/rows";
import type { BlockKey } from "../../db/prisma-reads";
import type { LedgerNode } from "../node/context";

export type BlockTransaction = { txId: string; tx: Transaction; signature: string; leafIndex: number };

export type BlockWithTransactions = { block: SignedBlock; transactions: BlockTransaction[] };

/** A block by height or by hash, with its transactions in leaf order. */
export async function getBlockOrThrow(node: LedgerNode, heightOrHash: string): Promise<BlockWithTransactions> {
  return withTransactions(await node.store.queries.blockWithRows(blockKey(heightOrHash)));
}

/** How the store finds the block a path names: digits are a height, 64 hex characters a hash. */
export function blockKey(heightOrHash: string): BlockKey {
  if (heightPattern.test(heightOrHash)) return { height: Number(heightOrHash) };
  if (hex64Pattern.test(heightOrHash)) return { hash: heightOrHash };
  throw new LedgerError("invalid_request", "must be a block height or a 64-character block hash", "heightOrHash");
}

/** The block found, with its stored rows as transactions; not_found when there was none. */
export function withTransactions(found: { block: SignedBlock; rows: TransactionRow[] } | null): BlockWithTransactions {
  if (found === null) throw new LedgerError("not_found", "No block at this height or with this hash.");
  const { chainId } = found.block.header;
  return {
    block: found.block,
    transactions: found.rows.map((row) => blockTransactionOf(row, chainId)),
  };
}
