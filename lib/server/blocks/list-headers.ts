// GET /api/headers: signed block headers in ascending order, what a verifier or light client syncs.
import "server-only";
import type { SignedBlock } from "../../ledger/types";
import type { LedgerNode } from "../node/context";

/** Ascending headers from `from`. */
export function listHeaders(node: LedgerNode, from: number, limit: number): Promise<SignedBlock[]> {
  return node.store.blocksFrom(from, limit);
}
