// The chain's log (PROTOCOL.md v2 "The log"): an RFC 9162 Merkle tree whose leaves are the raw 32-byte block
// hashes in height order. Consistency proofs (RFC 9162 §2.1.4) beside the inclusion proofs of merkle.ts.
//
// Every hash a root or a proof needs is MTH(D[start:end]) of one range of leaves, and every such range (RFC 9162
// splits at the largest power of two below the size) is a run of perfect subtrees, largest first. A perfect
// subtree is stored at its position: level L (0 for the leaf hashes) and index i cover the leaves
// [i·2^L, (i+1)·2^L), and never change once the log has grown past them. So a proof is planned as ranges, the
// ranges become positions, the positions are read, and the hashes folded: O(log n) of each.
import { bytesEqual, hashChildren, hashLeaf, merkleTree, type TreeNodePosition } from "../merkle";

/** The leaves [start, end) of the log, whose tree hash MTH(D[start:end]) one proof hash is. */
export type LeafRange = { start: number; end: number };

/** A stored perfect-subtree hash at its position. */
export type LogNode = TreeNodePosition & { hash: Uint8Array };

/** The log's sizes stay below 2^53, so plain arithmetic stays exact where bit operations would wrap at 2^31. */
function isSize(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** The largest power of two strictly below `n` (n ≥ 2): RFC 9162's k. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The perfect subtrees that make up the range [start, end) of an RFC 9162 proof or root, left to right. */
export function perfectSubtreesOf(range: LeafRange): TreeNodePosition[] {
  const { start, end } = range;
  if (!isSize(start) || !isSize(end) || start >= end) throw new RangeError("not a range of leaves");
  const positions: TreeNodePosition[] = [];
  let at = start;
  while (at < end) {
    // The largest power of two that both fits what remains and aligns with where the run stands.
    let size = 1;
    let level = 0;
    while (size * 2 <= end - at && at % (size * 2) === 0) {
      size *= 2;
      level += 1;
    }
    positions.push({ level, index: at / size });
    at += size;
  }
  return positions;
}

/** MTH of a range from the hashes of its perfect subtrees, in the order `perfectSubtreesOf` gives them. */
export function foldPerfectSubtrees(hashes: readonly Uint8Array[]): Uint8Array {
  if (hashes.length === 0) throw new RangeError("a range holds at least one subtree");
  let hash = hashes[hashes.length - 1]!;
  for (let index = hashes.length - 2; index >= 0; index--) hash = hashChildren(hashes[index]!, hash);
  return hash;
}

function checkSize(size: number): void {
  if (!isSize(size) || size < 1) throw new RangeError("the log size must be a positive integer");
}

/** The range whose hash is the root of the log of `size` leaves. */
export function rootRanges(size: number): LeafRange[] {
  checkSize(size);
  return [{ start: 0, end: size }];
}

/** The ranges of RFC 9162 §2.1.3.1 PATH(m, D[n]), in path order (leaf end first). */
export function inclusionRanges(leafIndex: number, size: number): LeafRange[] {
  checkSize(size);
  if (!isSize(leafIndex) || leafIndex >= size) throw new RangeError("leaf index outside the log");
  const ranges: LeafRange[] = [];
  let offset = 0;
  let n = size;
  let m = leafIndex;
  while (n > 1) {
    const k = splitPoint(n);
    if (m < k) {
      ranges.push({ start: offset + k, end: offset + n });
      n = k;
    } else {
      ranges.push({ start: offset, end: offset + k });
      offset += k;
      m -= k;
      n -= k;
    }
  }
  return ranges.reverse();
}

/** The ranges of RFC 9162 §2.1.4.1 PROOF(m, D[n]), in proof order; none when m = n. */
export function consistencyRanges(fromSize: number, toSize: number): LeafRange[] {
  checkSize(fromSize);
  checkSize(toSize);
  if (fromSize > toSize) throw new RangeError("the old size is above the new");
  const ranges: LeafRange[] = [];
  let offset = 0;
  let n = toSize;
  let m = fromSize;
  let isWholeOldTree = true;
  // SUBPROOF(m, D[offset:offset+n], b), unrolled: each step adds the hash of the part not descended into.
  while (m !== n) {
    const k = splitPoint(n);
    if (m <= k) {
      ranges.push({ start: offset + k, end: offset + n });
      n = k;
    } else {
      ranges.push({ start: offset, end: offset + k });
      offset += k;
      m -= k;
      n -= k;
      isWholeOldTree = false;
    }
  }
  if (!isWholeOldTree) ranges.push({ start: offset, end: offset + n });
  return ranges.reverse();
}

/** Every position the ranges need, once each, in the order first needed. */
export function positionsOfRanges(ranges: readonly LeafRange[]): TreeNodePosition[] {
  const seen = new Set<string>();
  const positions: TreeNodePosition[] = [];
  for (const position of ranges.flatMap(perfectSubtreesOf)) {
    const key = positionKey(position);
    if (seen.has(key)) continue;
    seen.add(key);
    positions.push(position);
  }
  return positions;
}

export function positionKey(position: TreeNodePosition): string {
  return `${position.level}/${position.index}`;
}

/** The hash of each range, folded from stored nodes keyed by `positionKey`; RangeError when one is missing. */
export function hashesOfRanges(ranges: readonly LeafRange[], nodes: ReadonlyMap<string, Uint8Array>): Uint8Array[] {
  return ranges.map((range) =>
    foldPerfectSubtrees(
      perfectSubtreesOf(range).map((position) => {
        const hash = nodes.get(positionKey(position));
        if (hash === undefined) throw new RangeError(`the log holds no node at ${positionKey(position)}`);
        return hash;
      }),
    ),
  );
}

/** The positions of the perfect subtrees that make up the whole log of `size` leaves: what an append builds on. */
export function frontierPositions(size: number): TreeNodePosition[] {
  return size === 0 ? [] : perfectSubtreesOf({ start: 0, end: size });
}

/**
 * Appends `blockHashes` to a log of `size` leaves whose frontier (the hashes at `frontierPositions(size)`) is
 * given: the nodes to store, each leaf's leaf hash and every perfect subtree it closes (amortised two a leaf, at
 * most log2(n) + 1), and the frontier of the longer log, for the next append of the same run.
 */
export function appendLeaves(
  size: number,
  frontier: readonly Uint8Array[],
  blockHashes: readonly Uint8Array[],
): { nodes: LogNode[]; frontier: Uint8Array[] } {
  const positions = frontierPositions(size);
  if (positions.length !== frontier.length) throw new RangeError("the frontier does not fit the log's size");
  const open: LogNode[] = positions.map((position, index) => ({ ...position, hash: frontier[index]! }));
  const nodes: LogNode[] = [];
  let leafIndex = size;
  for (const blockHash of blockHashes) {
    let node: LogNode = { level: 0, index: leafIndex, hash: hashLeaf(blockHash) };
    nodes.push(node);
    // Close every subtree whose right half this leaf completes.
    while (open.length > 0 && open[open.length - 1]!.level === node.level) {
      const left = open.pop()!;
      node = { level: node.level + 1, index: left.index / 2, hash: hashChildren(left.hash, node.hash) };
      nodes.push(node);
    }
    open.push(node);
    leafIndex += 1;
  }
  return { nodes, frontier: open.map((node) => node.hash) };
}

/** The nodes that appending `blockHashes` to a log of `size` leaves with this frontier completes. */
export function nodesAppended(
  size: number,
  frontier: readonly Uint8Array[],
  blockHashes: readonly Uint8Array[],
): LogNode[] {
  return appendLeaves(size, frontier, blockHashes).nodes;
}

/** RFC 9162 §2.1.4.2: does `path` prove that the tree of `fromSize` leaves with `fromRoot` is a prefix of the tree of `toSize` leaves with `toRoot`? False for anything malformed. */
export function verifyConsistency(
  fromSize: number,
  toSize: number,
  fromRoot: Uint8Array,
  toRoot: Uint8Array,
  path: readonly Uint8Array[],
): boolean {
  if (!isSize(fromSize) || !isSize(toSize) || fromSize < 1 || fromSize > toSize) return false;
  if (path.some((hash) => hash.length !== 32)) return false;
  if (fromSize === toSize) return path.length === 0 && bytesEqual(fromRoot, toRoot);
  // Step 1: a proof between two sizes is never empty. Step 2: when the old size is a power of two, its root is
  // the proof's implicit first hash.
  if (path.length === 0) return false;
  const proof = splitPoint(fromSize + 1) === fromSize ? [fromRoot, ...path] : [...path];
  const half = (n: number) => Math.floor(n / 2);
  const isOdd = (n: number) => n % 2 === 1;
  // Steps 3 and 4; then step 5, fr and sr from the proof's first hash.
  let fn = fromSize - 1;
  let sn = toSize - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = proof[0]!;
  let sr = proof[0]!;
  // Step 6.
  for (const c of proof.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // Step 7.
  return sn === 0 && bytesEqual(fr, fromRoot) && bytesEqual(sr, toRoot);
}

/** The nodes a log of these leaves stores: every perfect subtree, each at its position. */
export function logNodesOf(leaves: readonly Uint8Array[]): LogNode[] {
  return nodesAppended(0, [], leaves);
}

function nodeMapOf(leaves: readonly Uint8Array[]): Map<string, Uint8Array> {
  return new Map(logNodesOf(leaves).map((node) => [positionKey(node), node.hash]));
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) over leaves held in memory (tests, small trees); 1 ≤ fromSize ≤ leaves.length. */
export function consistencyProof(leaves: readonly Uint8Array[], fromSize: number): Uint8Array[] {
  if (!isSize(fromSize) || fromSize < 1 || fromSize > leaves.length) {
    throw new RangeError("the old size must lie in 1 … the number of leaves");
  }
  // Straight from the RFC's recursion over the leaves, independent of the stored positions above.
  const subproof = (from: number, part: readonly Uint8Array[], isWholeOldTree: boolean): Uint8Array[] => {
    if (from === part.length) return isWholeOldTree ? [] : [merkleTree(part).root];
    const k = splitPoint(part.length);
    if (from <= k) return [...subproof(from, part.slice(0, k), isWholeOldTree), merkleTree(part.slice(k)).root];
    return [...subproof(from - k, part.slice(k), false), merkleTree(part.slice(0, k)).root];
  };
  return subproof(fromSize, leaves, true);
}

/** The log's root, audit path and consistency proof folded from the stored-node positions over in-memory leaves. */
export function proofsFromPositions(leaves: readonly Uint8Array[]) {
  const nodes = nodeMapOf(leaves);
  return {
    root: (size: number) => hashesOfRanges(rootRanges(size), nodes)[0]!,
    inclusion: (leafIndex: number, size: number) => hashesOfRanges(inclusionRanges(leafIndex, size), nodes),
    consistency: (fromSize: number, toSize: number) => hashesOfRanges(consistencyRanges(fromSize, toSize), nodes),
  };
}
