// RFC 9162 §2.1 Merkle trees: the tree hash over a block's txIds, audit paths, and their verification.
// Leaves are raw byte strings (a block's leaves are the 32-byte txIds, in sealing order).
import { sha256 } from "./hash";

const leafPrefix = 0x00;
const nodePrefix = 0x01;

export function hashLeaf(leaf: Uint8Array): Uint8Array<ArrayBuffer> {
  const input = new Uint8Array(1 + leaf.length);
  input[0] = leafPrefix;
  input.set(leaf, 1);
  return sha256(input);
}

export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array<ArrayBuffer> {
  const input = new Uint8Array(1 + left.length + right.length);
  input[0] = nodePrefix;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return sha256(input);
}

/** A block's Merkle tree, built once when the block is sealed: the root and every level, leaf hashes first. */
export type MerkleTree = { root: Uint8Array<ArrayBuffer>; levels: Uint8Array[][] };

/** A hash in the tree: its level (0 for the leaf hashes) and its index within that level. */
export type TreeNodePosition = { level: number; index: number };

const hashBytes = 32;

/**
 * The tree's levels, leaf hashes first and the root last. Pairing left to right and carrying an unpaired last
 * node up unchanged builds exactly the RFC's tree, whose left subtree always covers the largest power of two
 * smaller than the leaf count. The empty tree has no levels, and its root is SHA-256 of nothing (MTH of
 * RFC 9162 §2.1.1).
 */
export function merkleTree(leaves: readonly Uint8Array[]): MerkleTree {
  if (leaves.length === 0) return { root: sha256(new Uint8Array(0)), levels: [] };
  return treeOfLevels(buildLevelsAbove(leaves.map(hashLeaf)));
}

function buildLevelsAbove(leafHashes: Uint8Array[]): Uint8Array[][] {
  const levels: Uint8Array[][] = [leafHashes];
  let level = leafHashes;
  while (level.length > 1) {
    const parent: Uint8Array[] = [];
    for (let index = 0; index + 1 < level.length; index += 2) {
      parent.push(hashChildren(level[index]!, level[index + 1]!));
    }
    if (level.length % 2 === 1) parent.push(level[level.length - 1]!);
    levels.push(parent);
    level = parent;
  }
  return levels;
}

function treeOfLevels(levels: Uint8Array[][]): MerkleTree {
  return { root: levels[levels.length - 1]![0]! as Uint8Array<ArrayBuffer>, levels };
}

/** MTH(D[n]) of RFC 9162 §2.1.1; the empty tree's hash is SHA-256 of nothing. */
export function merkleTreeHash(leaves: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  return merkleTree(leaves).root;
}

/** How many hashes each level of a tree of `treeSize` leaves holds, leaves first and the root last. */
export function levelSizes(treeSize: number): number[] {
  if (treeSize === 0) return [];
  const sizes = [treeSize];
  while (sizes[sizes.length - 1]! > 1) sizes.push(Math.ceil(sizes[sizes.length - 1]! / 2));
  return sizes;
}

/** Where the hashes of one leaf's audit path (RFC 9162 §2.1.3.1) sit in the tree, in path order. */
export function inclusionPathPositions(leafIndex: number, treeSize: number): TreeNodePosition[] {
  if (!Number.isInteger(leafIndex) || leafIndex < 0 || leafIndex >= treeSize) {
    throw new RangeError("leaf index outside the tree");
  }
  const positions: TreeNodePosition[] = [];
  let index = leafIndex;
  for (const [level, size] of levelSizes(treeSize).slice(0, -1).entries()) {
    const sibling = index ^ 1;
    if (sibling < size) positions.push({ level, index: sibling });
    index >>= 1;
  }
  return positions;
}

/** Audit paths for every leaf at once (RFC 9162 §2.1.3.1), sharing one tree. */
export function inclusionPaths(leaves: readonly Uint8Array[]): Uint8Array[][] {
  return pathsOfTree(merkleTree(leaves));
}

/** Every leaf's audit path, read from a tree already built. */
export function pathsOfTree(tree: MerkleTree): Uint8Array[][] {
  const treeSize = tree.levels[0]?.length ?? 0;
  return Array.from({ length: treeSize }, (_, leafIndex) => pathOfTree(tree, leafIndex));
}

/** One leaf's audit path, read from a tree already built. */
export function pathOfTree(tree: MerkleTree, leafIndex: number): Uint8Array[] {
  return inclusionPathPositions(leafIndex, tree.levels[0]?.length ?? 0).map(
    ({ level, index }) => tree.levels[level]![index]!,
  );
}

/** The audit path of one leaf (RFC 9162 §2.1.3.1). */
export function inclusionPath(leaves: readonly Uint8Array[], leafIndex: number): Uint8Array[] {
  if (!Number.isInteger(leafIndex) || leafIndex < 0 || leafIndex >= leaves.length) {
    throw new RangeError("leaf index outside the tree");
  }
  return pathOfTree(merkleTree(leaves), leafIndex);
}

/*
 * What the database keeps of a block's tree so that a receipt is read, not rebuilt: the interior levels, those
 * between the leaf hashes and the root, packed level after level, 32 bytes a hash. That is about one hash per
 * transaction (each level holds half the one below, and an unpaired last node carried up is kept on each level
 * it passes, so that every offset is plain arithmetic). The leaf hashes are left out because each is one hash of
 * a txId the database holds anyway, and the root is the header's merkleRoot. A tree of one or two leaves has no
 * interior level, so it packs to nothing.
 */

/** The interior levels of `tree`, packed for storage. */
export function packInteriorLevels(tree: MerkleTree): Uint8Array {
  const interior = tree.levels.slice(1, -1);
  const packed = new Uint8Array(interior.reduce((sum, level) => sum + level.length, 0) * hashBytes);
  let offset = 0;
  for (const level of interior) {
    for (const hash of level) {
      packed.set(hash, offset);
      offset += hashBytes;
    }
  }
  return packed;
}

/** How many bytes the packed interior levels of a tree of `treeSize` leaves take. */
export function packedInteriorBytes(treeSize: number): number {
  return levelSizes(treeSize)
    .slice(1, -1)
    .reduce((sum, size) => sum + size * hashBytes, 0);
}

/** Where the interior hash at `position` (level 1 or above, below the root) starts in the packed levels. */
export function packedInteriorOffset(treeSize: number, position: TreeNodePosition): number {
  const sizes = levelSizes(treeSize);
  if (!Number.isInteger(position.level) || position.level < 1 || position.level >= sizes.length - 1) {
    throw new RangeError("not an interior level of the tree");
  }
  if (!Number.isInteger(position.index) || position.index < 0 || position.index >= sizes[position.level]!) {
    throw new RangeError("index outside the level");
  }
  const before = sizes.slice(1, position.level).reduce((sum, size) => sum + size, 0);
  return (before + position.index) * hashBytes;
}

/** The whole tree again from its leaves' hashes and its packed interior levels: one hash (the root), not n. */
export function treeFromPacked(leafHashes: readonly Uint8Array[], packed: Uint8Array): MerkleTree {
  if (leafHashes.length === 0) throw new RangeError("an empty tree has no levels");
  if (packed.length !== packedInteriorBytes(leafHashes.length)) {
    throw new RangeError("the packed levels do not fit a tree of this size");
  }
  const sizes = levelSizes(leafHashes.length);
  const levels: Uint8Array[][] = [[...leafHashes]];
  let offset = 0;
  for (const size of sizes.slice(1, -1)) {
    levels.push(
      Array.from({ length: size }, (_, index) =>
        packed.subarray(offset + index * hashBytes, offset + (index + 1) * hashBytes),
      ),
    );
    offset += size * hashBytes;
  }
  if (sizes.length > 1) {
    // The root is the one node the packed levels leave out; the level below a root always holds two hashes.
    const top = levels[levels.length - 1]!;
    levels.push([hashChildren(top[0]!, top[1]!)]);
  }
  return treeOfLevels(levels);
}

/** One step up an audit path: the sibling hash, which side it joins on, and the parent hash it makes. */
export type InclusionStep = { sibling: Uint8Array; siblingSide: "left" | "right"; parent: Uint8Array };

/**
 * The RFC 9162 §2.1.3.2 walk from a leaf to the root, step by step (what the explorer draws); null when the
 * path cannot belong to a tree of that size. The last parent (or the leaf hash, for a one-leaf tree) is the root.
 */
export function inclusionSteps(
  leaf: Uint8Array,
  leafIndex: number,
  treeSize: number,
  path: readonly Uint8Array[],
): { leafHash: Uint8Array; steps: InclusionStep[] } | null {
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize)) return null;
  if (leafIndex < 0 || leafIndex >= treeSize) return null;
  // Sizes stay below 2^53, so plain division keeps the bit arithmetic exact where >> would wrap at 2^31.
  let fn = leafIndex;
  let sn = treeSize - 1;
  const leafHash = hashLeaf(leaf);
  let r: Uint8Array = leafHash;
  const steps: InclusionStep[] = [];
  const isOdd = (n: number) => n % 2 === 1;
  const half = (n: number) => Math.floor(n / 2);
  for (const p of path) {
    if (sn === 0) return null;
    if (isOdd(fn) || fn === sn) {
      r = hashChildren(p, r);
      steps.push({ sibling: p, siblingSide: "left", parent: r });
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = hashChildren(r, p);
      steps.push({ sibling: p, siblingSide: "right", parent: r });
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? { leafHash, steps } : null;
}

/** RFC 9162 §2.1.3.2: does `path` prove that `leaf` is leaf number `leafIndex` of the tree with this root? */
export function verifyInclusion(
  leaf: Uint8Array,
  leafIndex: number,
  treeSize: number,
  path: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  const walk = inclusionSteps(leaf, leafIndex, treeSize, path);
  if (walk === null) return false;
  return bytesEqual(walk.steps.at(-1)?.parent ?? walk.leafHash, root);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= a[index]! ^ b[index]!;
  return difference === 0;
}
