// GET /api/log/proof and /api/log/consistency: RFC 9162 proofs over the stored log tree, O(log n) stored hashes
// each. A range outside the log is the protocol's invalid_request naming the parameter at fault.
import "server-only";
import { LedgerError } from "../../ledger/errors";
import { bytesToHex } from "../../ledger/hex";
import type { LedgerNode } from "../node/context";

export type LogInclusionProof = { leafIndex: number; treeSize: number; path: string[] };
export type LogConsistencyProof = { from: number; to: number; path: string[] };

function refuse(field: string, message: string): LedgerError {
  return new LedgerError("invalid_request", `${field}: ${message}`, field);
}

export async function readLogInclusionProof(
  node: LedgerNode,
  height: number,
  size: number,
): Promise<LogInclusionProof> {
  const logSize = await node.store.logSize();
  if (size < 1) throw refuse("size", "must be at least 1");
  if (size > logSize) throw refuse("size", `must be at most the log's size, ${logSize}`);
  if (height >= size) throw refuse("height", `must be below size (${size})`);
  const path = await node.store.logInclusionPath(height, size);
  return { leafIndex: height, treeSize: size, path: path.map(bytesToHex) };
}

export async function readLogConsistencyProof(
  node: LedgerNode,
  from: number,
  to: number,
): Promise<LogConsistencyProof> {
  const logSize = await node.store.logSize();
  if (from < 1) throw refuse("from", "must be at least 1");
  if (to > logSize) throw refuse("to", `must be at most the log's size, ${logSize}`);
  if (from > to) throw refuse("from", `must be at most to (${to})`);
  const path = await node.store.logConsistencyPath(from, to);
  return { from, to, path: path.map(bytesToHex) };
}
