// Property-based tests of RFC 9162 Merkle trees (lib/ledger/merkle.ts) for random sizes of 1 to 300 leaves: the
// tree hash and every audit path equal the RFC's recursive definitions (§2.1.1, §2.1.3.1, written out here), every
// leaf's proof verifies, and a proof fails for a wrong index, a wrong leaf, any changed, missing or extra hash; the
// packed interior levels the database stores give back the same tree. merkle.ts has no consistency proofs (v2's
// log is not in this tree), so there are none to test.
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  hashChildren,
  hashLeaf,
  inclusionPath,
  inclusionPaths,
  merkleTree,
  merkleTreeHash,
  packInteriorLevels,
  packedInteriorBytes,
  treeFromPacked,
  verifyInclusion,
} from "@/lib/ledger/merkle";

const treeSizeMax = 300;
/** Trees per property: each checks every one of its leaves, so a few dozen trees are some thousands of proofs. */
/** Time for a property on a machine whose cores other work shares; each takes well under a second when it is idle. */
const propertyTimeoutMs = 60_000;

const numRuns = 20;

/** `size` distinct 32-byte leaves, derived from `seed` so that a failing case can be replayed from its seed. */
function leavesOf(size: number, seed: number): Uint8Array[] {
  return Array.from(
    { length: size },
    (_, index) => new Uint8Array(createHash("sha256").update(`leaf ${seed} ${index}`).digest()),
  );
}

const sizes = fc.integer({ min: 1, max: treeSizeMax });
const seeds = fc.nat();

/** Up to `count` leaf indices of a tree of `size`, spread over it and always with both ends. */
function someLeaves(size: number, count: number, seed: number): number[] {
  if (size <= count) return Array.from({ length: size }, (_, index) => index);
  const step = size / count;
  return [
    ...new Set([
      0,
      size - 1,
      ...Array.from({ length: count - 2 }, (_, index) => Math.floor((index + 1) * step + (seed % step)) % size),
    ]),
  ];
}

/** Leaves checked per tree by the properties that try many changes of each proof. */
const leavesPerTree = 24;

/** RFC 9162 §2.1.1: the largest power of two smaller than n (for n > 1). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) of RFC 9162 §2.1.1, recursively as the RFC writes it. */
function referenceTreeHash(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return new Uint8Array(createHash("sha256").digest());
  if (leaves.length === 1) return hashLeaf(leaves[0]!);
  const k = splitPoint(leaves.length);
  return hashChildren(referenceTreeHash(leaves.slice(0, k)), referenceTreeHash(leaves.slice(k)));
}

/** PATH(m, D[n]) of RFC 9162 §2.1.3.1. */
function referencePath(m: number, leaves: readonly Uint8Array[]): Uint8Array[] {
  if (leaves.length <= 1) return [];
  const k = splitPoint(leaves.length);
  return m < k
    ? [...referencePath(m, leaves.slice(0, k)), referenceTreeHash(leaves.slice(k))]
    : [...referencePath(m - k, leaves.slice(k)), referenceTreeHash(leaves.slice(0, k))];
}

function changedBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy[Math.floor(bit / 8) % copy.length]! ^= 1 << (bit % 8);
  return copy;
}

describe("RFC 9162 Merkle trees of random sizes", { timeout: propertyTimeoutMs }, () => {
  it("hash to the RFC's recursive MTH, and so do the stored levels", () => {
    fc.assert(
      fc.property(sizes, seeds, (size, seed) => {
        const leaves = leavesOf(size, seed);
        const tree = merkleTree(leaves);
        expect(tree.root).toEqual(referenceTreeHash(leaves));
        expect(merkleTreeHash(leaves)).toEqual(tree.root);
        const packed = packInteriorLevels(tree);
        expect(packed.length).toBe(packedInteriorBytes(size));
        const again = treeFromPacked(tree.levels[0]!, packed);
        expect(again.root).toEqual(tree.root);
        // Compared as one byte string a level: deep equality of hundreds of arrays is slow.
        expect(again.levels.map((level) => Buffer.concat(level).toString("hex"))).toEqual(
          tree.levels.map((level) => Buffer.concat(level).toString("hex")),
        );
      }),
      { numRuns },
    );
  });

  it("give every leaf the RFC's audit path, at most ⌈log2 n⌉ hashes, and it verifies", () => {
    fc.assert(
      fc.property(sizes, seeds, (size, seed) => {
        const leaves = leavesOf(size, seed);
        const root = merkleTreeHash(leaves);
        const paths = inclusionPaths(leaves);
        expect(paths).toHaveLength(size);
        const failing = [...paths.entries()]
          .filter(([leafIndex, path]) => !verifyInclusion(leaves[leafIndex]!, leafIndex, size, path, root))
          .map(([leafIndex]) => leafIndex);
        expect(failing).toEqual([]);
        expect(Math.max(...paths.map((path) => path.length))).toBeLessThanOrEqual(Math.ceil(Math.log2(size)));
        // The recursive reference costs O(n) a path: checked for a few leaves, the ends always among them.
        for (const leafIndex of new Set([0, size - 1, seed % size, (seed >> 8) % size])) {
          expect(paths[leafIndex]).toEqual(referencePath(leafIndex, leaves));
          expect(inclusionPath(leaves, leafIndex)).toEqual(paths[leafIndex]);
        }
      }),
      { numRuns },
    );
  });

  it("prove every leaf of every size to 40, and of the sizes around each power of two to 300", () => {
    const failing: string[] = [];
    const aroundPowers = [64, 128, 256].flatMap((power) => [power - 1, power, power + 1]);
    for (const size of [...Array.from({ length: 40 }, (_, index) => index + 1), ...aroundPowers, treeSizeMax]) {
      const leaves = leavesOf(size, size);
      const root = merkleTreeHash(leaves);
      for (const [leafIndex, path] of inclusionPaths(leaves).entries()) {
        if (!verifyInclusion(leaves[leafIndex]!, leafIndex, size, path, root)) failing.push(`${leafIndex}/${size}`);
      }
    }
    expect(failing).toEqual([]);
  });

  it("refuse a proof at any other index, or of any other leaf", () => {
    fc.assert(
      fc.property(sizes, seeds, (size, seed) => {
        const leaves = leavesOf(size, seed);
        const root = merkleTreeHash(leaves);
        const stranger = leavesOf(1, seed + 1)[0]!;
        const accepted: string[] = [];
        for (const [leafIndex, path] of inclusionPaths(leaves).entries()) {
          const leaf = leaves[leafIndex]!;
          const otherIndex = (leafIndex + 1 + (seed % Math.max(1, size - 1))) % size;
          const wrong: [string, boolean][] = [
            ["other index", otherIndex !== leafIndex && verifyInclusion(leaf, otherIndex, size, path, root)],
            // Another leaf of the same tree, at this leaf's place: a proof is of one leaf only.
            ["other leaf", size > 1 && verifyInclusion(leaves[otherIndex]!, leafIndex, size, path, root)],
            ["stranger", verifyInclusion(stranger, leafIndex, size, path, root)],
            ["index = size", verifyInclusion(leaf, size, size, path, root)],
            ["index -1", verifyInclusion(leaf, -1, size, path, root)],
            ["index + 0.5", verifyInclusion(leaf, leafIndex + 0.5, size, path, root)],
          ];
          accepted.push(...wrong.filter(([, isAccepted]) => isAccepted).map(([what]) => `${leafIndex}: ${what}`));
        }
        expect(accepted).toEqual([]);
      }),
      { numRuns },
    );
  });

  it("refuse a proof with any one bit of any hash changed, the root's included", () => {
    fc.assert(
      fc.property(sizes, seeds, fc.nat({ max: 255 }), (size, seed, bit) => {
        const leaves = leavesOf(size, seed);
        const root = merkleTreeHash(leaves);
        const accepted: string[] = [];
        const paths = inclusionPaths(leaves);
        for (const leafIndex of someLeaves(size, leavesPerTree, seed)) {
          const path = paths[leafIndex]!;
          const leaf = leaves[leafIndex]!;
          if (verifyInclusion(leaf, leafIndex, size, path, changedBit(root, bit))) accepted.push(`${leafIndex}: root`);
          if (verifyInclusion(changedBit(leaf, bit), leafIndex, size, path, root)) accepted.push(`${leafIndex}: leaf`);
          for (const position of path.keys()) {
            const changed = path.map((hash, index) => (index === position ? changedBit(hash, bit) : hash));
            if (verifyInclusion(leaf, leafIndex, size, changed, root)) accepted.push(`${leafIndex}: path ${position}`);
          }
        }
        expect(accepted).toEqual([]);
      }),
      { numRuns },
    );
  });

  it("refuse a proof with a hash missing, added, repeated or swapped", () => {
    fc.assert(
      fc.property(sizes, seeds, (size, seed) => {
        const leaves = leavesOf(size, seed);
        const root = merkleTreeHash(leaves);
        const extra = leavesOf(1, seed + 1)[0]!;
        const accepted: string[] = [];
        const paths = inclusionPaths(leaves);
        for (const leafIndex of someLeaves(size, leavesPerTree, seed)) {
          const path = paths[leafIndex]!;
          const variants: [string, Uint8Array[]][] = [
            ["added last", [...path, extra]],
            ["added first", [extra, ...path]],
          ];
          if (path.length > 0) {
            variants.push(["first missing", path.slice(1)], ["last missing", path.slice(0, -1)]);
            variants.push(["last repeated", [...path, path.at(-1)!]]);
          }
          if (path.length > 1) variants.push(["first two swapped", [path[1]!, path[0]!, ...path.slice(2)]]);
          for (const [what, variant] of variants) {
            if (verifyInclusion(leaves[leafIndex]!, leafIndex, size, variant, root))
              accepted.push(`${leafIndex}: ${what}`);
          }
        }
        expect(accepted).toEqual([]);
      }),
      { numRuns },
    );
  });

  it("verify a proof only against its own tree: a tree one leaf larger or smaller has another root", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: treeSizeMax }), seeds, (size, seed) => {
        const leaves = leavesOf(size, seed);
        const smaller = leaves.slice(0, -1);
        const smallerRoot = merkleTreeHash(smaller);
        const accepted = [...inclusionPaths(leaves).entries()].filter(
          ([leafIndex, path]) =>
            leafIndex < smaller.length &&
            verifyInclusion(leaves[leafIndex]!, leafIndex, smaller.length, path, smallerRoot),
        );
        expect(accepted.map(([leafIndex]) => leafIndex)).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });
});
