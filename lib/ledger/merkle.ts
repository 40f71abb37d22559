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

/**
 * The tree's levels, leaf hashes first and the root last. Pairing left to right and carrying an unpaired last
 * node up unchanged builds exactly the RFC's tree, whose left subtree always covers the largest power of two
 * smaller than the leaf count.
 */
function buildLevels(leaves: readonly Uint8Array[]): Uint8Array[][] {
  const levels: Uint8Array[][] = [leaves.map(hashLeaf)];
  let level = levels[0]!;
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

/** MTH(D[n]) of RFC 9162 §2.1.1; the empty tree's hash is SHA-256 of nothing. */
export function merkleTreeHash(leaves: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  if (leaves.length === 0) return sha256(new Uint8Array(0));
  const levels = buildLevels(leaves);
  return levels[levels.length - 1]![0]! as Uint8Array<ArrayBuffer>;
}

/** Audit paths for every leaf at once (RFC 9162 §2.1.3.1), sharing one tree: what sealing a block needs. */
export function inclusionPaths(leaves: readonly Uint8Array[]): Uint8Array[][] {
  const levels = buildLevels(leaves);
  return leaves.map((_, leafIndex) => pathFromLevels(levels, leafIndex));
}

/** The audit path of one leaf (RFC 9162 §2.1.3.1). */
export function inclusionPath(leaves: readonly Uint8Array[], leafIndex: number): Uint8Array[] {
  if (!Number.isInteger(leafIndex) || leafIndex < 0 || leafIndex >= leaves.length) {
    throw new RangeError("leaf index outside the tree");
  }
  return pathFromLevels(buildLevels(leaves), leafIndex);
}

function pathFromLevels(levels: Uint8Array[][], leafIndex: number): Uint8Array[] {
  const path: Uint8Array[] = [];
  let index = leafIndex;
  for (const level of levels.slice(0, -1)) {
    const sibling = index ^ 1;
    if (sibling < level.length) path.push(level[sibling]!);
    index >>= 1;
  }
  return path;
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
