// GET /api/blocks and the explorer's front page: the chain's blocks a page at a time, newest first.
import "server-only";
import { LedgerError } from "../../ledger/errors";
import type { SignedBlock } from "../../ledger/types";
import type { LedgerNode } from "../node/context";

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
