// The stored log tree's reads (PROTOCOL.md v2 "The log"), written once in SQL for both stores: the log's size is
// the last leaf's index + 1 (one primary-key lookup), and a root or proof is planned as leaf ranges
// (lib/ledger/log/tree.ts), whose O(log n) perfect-subtree nodes are read in one statement and folded. Nodes
// never change once written, and a proof for size N reads only nodes of leaves below N, all written before the
// size read saw N: the two reads need no snapshot to agree.
import { assert } from "../../ledger/errors";
import {
  consistencyRanges,
  hashesOfRanges,
  inclusionRanges,
  positionKey,
  positionsOfRanges,
  rootRanges,
  type LeafRange,
} from "../../ledger/log/tree";
import type { TreeNodePosition } from "../../ledger/merkle";

/** One read's rows, as the store's `rows` gives them (`$1`-style placeholders). */
export type ReadRows = <Row>(sql: string, parameters: readonly unknown[]) => Promise<Row[]>;

type LogNodeRow = { level: number; index: number; hash: Uint8Array };

export const logSizeSql = `SELECT max("index") AS "lastIndex" FROM "LogTreeNode" WHERE "level" = 0`;

/** The statement reading `count` nodes by primary key: one equality pair a node, so either database seeks each. */
export function logNodesSql(count: number): string {
  const pairs = Array.from({ length: count }, (_, at) => `("level" = $${2 * at + 1} AND "index" = $${2 * at + 2})`);
  return `SELECT "level", "index", "hash" FROM "LogTreeNode" WHERE ${pairs.join(" OR ")}`;
}

export function logNodesParameters(positions: readonly TreeNodePosition[]): number[] {
  return positions.flatMap(({ level, index }) => [level, index]);
}

export async function readLogSize(rows: ReadRows): Promise<number> {
  const [row] = await rows<{ lastIndex: number | bigint | null }>(logSizeSql, []);
  return row?.lastIndex === null || row?.lastIndex === undefined ? 0 : Number(row.lastIndex) + 1;
}

/** The nodes at `positions`, keyed by `positionKey`, in one statement. */
export async function readLogNodes(
  rows: ReadRows,
  positions: readonly TreeNodePosition[],
): Promise<Map<string, Uint8Array>> {
  if (positions.length === 0) return new Map();
  const found = await rows<LogNodeRow>(logNodesSql(positions.length), logNodesParameters(positions));
  return new Map(
    found.map((row) => [positionKey({ level: Number(row.level), index: Number(row.index) }), new Uint8Array(row.hash)]),
  );
}

/** The hashes of `ranges` in a log of at least `sizeNeeded` leaves; RangeError when the log is shorter. */
async function readRangeHashes(rows: ReadRows, ranges: readonly LeafRange[], sizeNeeded: number) {
  const size = await readLogSize(rows);
  if (sizeNeeded > size) throw new RangeError(`the log holds ${size} leaves, not ${sizeNeeded}`);
  const nodes = await readLogNodes(rows, positionsOfRanges(ranges));
  const hashes = hashesOfRanges(ranges, nodes);
  for (const hash of hashes) assert(hash.length === 32, "a stored log node is a whole hash");
  return hashes;
}

export async function readLogRoot(rows: ReadRows, size: number): Promise<Uint8Array> {
  const [root] = await readRangeHashes(rows, rootRanges(size), size);
  return root!;
}

export async function readLogInclusionPath(rows: ReadRows, height: number, size: number): Promise<Uint8Array[]> {
  return await readRangeHashes(rows, inclusionRanges(height, size), size);
}

export async function readLogConsistencyPath(rows: ReadRows, fromSize: number, toSize: number): Promise<Uint8Array[]> {
  return await readRangeHashes(rows, consistencyRanges(fromSize, toSize), toSize);
}
