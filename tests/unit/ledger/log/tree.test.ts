// The log tree (lib/ledger/log/tree.ts) against published vectors: transparency-dev/merkle's consistency proofs
// over the RFC 6962 test leaves, and RFC 9162 §2.1.5's worked examples (the 7-leaf tree's inclusion and
// consistency proofs). Each proof is made twice, from the leaves (`consistencyProof`, `inclusionPath`) and from the
// stored-node positions the database reads (`proofsFromPositions`), and both must equal the vector and verify;
// every corruption transparency-dev's tests apply must fail.
import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "@/lib/ledger/hex";
import {
  consistencyProof,
  consistencyRanges,
  inclusionRanges,
  logNodesOf,
  nodesAppended,
  perfectSubtreesOf,
  positionsOfRanges,
  proofsFromPositions,
  verifyConsistency,
} from "@/lib/ledger/log/tree";
import { inclusionPath, merkleTreeHash, verifyInclusion } from "@/lib/ledger/merkle";
import vectors from "../../vectors/rfc9162-consistency.json";
import rfc6962 from "../../vectors/rfc6962-merkle.json";

const leaves = rfc6962.leaves.map(hexToBytes);
const rootOf = (size: number) => hexToBytes(rfc6962.roots.find((root) => root.size === size)!.root);
const hexes = (hashes: readonly Uint8Array[]) => hashes.map(bytesToHex);
const someHash = hexToBytes("abacaba000000000000000000000000000000000000000000060061e00123456");
const emptyRoot = hexToBytes(rfc6962.emptyRoot);
const fromPositions = proofsFromPositions(leaves);

function flipped(hash: Uint8Array): Uint8Array {
  const copy = new Uint8Array(hash);
  copy[0]! ^= 16;
  return copy;
}

/** transparency-dev's corruptConsistencyProof probes (those expressible with 32-byte hashes and sizes ≥ 1). */
function corruptions(size1: number, size2: number, root1: Uint8Array, root2: Uint8Array, proof: Uint8Array[]) {
  const probes: [string, number, number, Uint8Array, Uint8Array, Uint8Array[]][] = [
    ["size1 - 1", size1 - 1, size2, root1, root2, proof],
    ["size1 + 1", size1 + 1, size2, root1, root2, proof],
    ["size1 ^ 2", size1 ^ 2, size2, root1, root2, proof],
    ["size2 * 2", size1, size2 * 2, root1, root2, proof],
    ["size2 / 2", size1, Math.floor(size2 / 2), root1, root2, proof],
    ["wrong root1", size1, size2, someHash, root2, proof],
    ["wrong root2", size1, size2, root1, someHash, proof],
    ["swapped roots", size1, size2, root2, root1, proof],
    ["empty proof", size1, size2, root1, root2, []],
    ["trailing garbage", size1, size2, root1, root2, [...proof, new Uint8Array(0)]],
    ["trailing root1", size1, size2, root1, root2, [...proof, root1]],
    ["trailing root2", size1, size2, root1, root2, [...proof, root2]],
    ["preceding garbage", size1, size2, root1, root2, [new Uint8Array(0), ...proof]],
    ["preceding root1", size1, size2, root1, root2, [root1, ...proof]],
    ["preceding root2", size1, size2, root1, root2, [root2, ...proof]],
    ["preceding proof[0]", size1, size2, root1, root2, [proof[0]!, ...proof]],
    ["truncated proof", size1, size2, root1, root2, proof.slice(0, -1)],
    ...proof.map((_, index): [string, number, number, Uint8Array, Uint8Array, Uint8Array[]] => [
      `modified proof[${index}] bit 4`,
      size1,
      size2,
      root1,
      root2,
      proof.map((hash, at) => (at === index ? flipped(hash) : hash)),
    ]),
  ];
  return probes;
}

describe("consistency proofs of transparency-dev/merkle", () => {
  it.each(vectors.consistencyProofs)("$size1 → $size2", ({ size1, size2, proof }) => {
    const expected = proof.map(hexToBytes);
    expect(hexes(consistencyProof(leaves.slice(0, size2), size1))).toEqual(proof);
    expect(hexes(fromPositions.consistency(size1, size2))).toEqual(proof);
    expect(verifyConsistency(size1, size2, rootOf(size1), rootOf(size2), expected)).toBe(true);
    if (expected.length === 0) return;
    for (const [description, s1, s2, r1, r2, path] of corruptions(
      size1,
      size2,
      rootOf(size1),
      rootOf(size2),
      expected,
    )) {
      expect(verifyConsistency(s1, s2, r1, r2, path), description).toBe(false);
    }
  });

  it("refuses what transparency-dev's TestVerifyConsistency refuses", () => {
    const root1 = rootOf(1);
    const root2 = rootOf(2);
    expect(verifyConsistency(1, 1, root1, root2, [])).toBe(false);
    expect(verifyConsistency(1, 1, root1, root1, [])).toBe(true);
    expect(verifyConsistency(2, 1, root2, root1, [])).toBe(false);
    expect(verifyConsistency(1, 2, root1, root2, [])).toBe(false);
    expect(verifyConsistency(1, 1, emptyRoot, root2, [])).toBe(false);
    expect(verifyConsistency(1, 1, emptyRoot, emptyRoot, [emptyRoot])).toBe(false);
    // Sizes of 0, fractions and beyond 2^53 are malformed, not proofs.
    expect(verifyConsistency(0, 1, emptyRoot, root1, [])).toBe(false);
    expect(verifyConsistency(1.5, 2, root1, root2, [])).toBe(false);
    expect(verifyConsistency(1, 2 ** 53, root1, root2, [root2])).toBe(false);
  });
});

describe("RFC 9162 §2.1.5 worked examples (the 7-leaf tree)", () => {
  const example = vectors.rfc9162Example;
  const tree = leaves.slice(0, example.treeSize);
  const named = (name: string) => {
    const [start, end] = example.nodes[name as keyof typeof example.nodes];
    return bytesToHex(merkleTreeHash(tree.slice(start, end)));
  };
  const root = merkleTreeHash(tree);

  it.each(example.inclusionProofs)("inclusion of d$leafIndex", ({ leafIndex, path }) => {
    const expected = path.map(named);
    expect(hexes(inclusionPath(tree, leafIndex))).toEqual(expected);
    expect(hexes(fromPositions.inclusion(leafIndex, example.treeSize))).toEqual(expected);
    expect(verifyInclusion(tree[leafIndex]!, leafIndex, example.treeSize, expected.map(hexToBytes), root)).toBe(true);
  });

  it.each(example.consistencyProofs)("consistency from $fromSize to 7", ({ fromSize, path }) => {
    const expected = path.map(named);
    expect(hexes(consistencyProof(tree, fromSize))).toEqual(expected);
    expect(hexes(fromPositions.consistency(fromSize, example.treeSize))).toEqual(expected);
    const fromRoot = merkleTreeHash(tree.slice(0, fromSize));
    expect(verifyConsistency(fromSize, example.treeSize, fromRoot, root, expected.map(hexToBytes))).toBe(true);
  });

  it("folds each root of the published test data from its stored nodes", () => {
    for (const { size, root: expected } of rfc6962.roots) {
      expect(bytesToHex(fromPositions.root(size))).toBe(expected);
    }
  });
});

describe("stored-node positions", () => {
  it("splits a range into aligned perfect subtrees, largest first", () => {
    expect(perfectSubtreesOf({ start: 0, end: 7 })).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(perfectSubtreesOf({ start: 4, end: 8 })).toEqual([{ level: 2, index: 1 }]);
    expect(() => perfectSubtreesOf({ start: 3, end: 3 })).toThrow(RangeError);
  });

  it("needs O(log n) positions for any proof of a huge log", () => {
    const size = 2 ** 52 + 12_345;
    expect(positionsOfRanges(consistencyRanges(2 ** 40 + 7, size)).length).toBeLessThanOrEqual(2 * 53);
    expect(positionsOfRanges(inclusionRanges(size - 1, size)).length).toBeLessThanOrEqual(2 * 53);
  });

  it("refuses sizes and indices outside the log", () => {
    expect(() => consistencyRanges(0, 3)).toThrow(RangeError);
    expect(() => consistencyRanges(4, 3)).toThrow(RangeError);
    expect(() => inclusionRanges(3, 3)).toThrow(RangeError);
    expect(() => inclusionRanges(-1, 3)).toThrow(RangeError);
    expect(() => consistencyProof(leaves, 0)).toThrow(RangeError);
    expect(() => consistencyProof(leaves, 9)).toThrow(RangeError);
  });

  it("appends leaf by leaf exactly the nodes a whole build stores", () => {
    const whole = logNodesOf(leaves);
    const grown = leaves.flatMap((leaf, size) => {
      const frontier = size === 0 ? [] : perfectSubtreesOf({ start: 0, end: size });
      const hashes = frontier.map(
        (position) => whole.find((node) => node.level === position.level && node.index === position.index)!.hash,
      );
      return nodesAppended(size, hashes, [leaf]);
    });
    expect(grown).toEqual(whole);
    // Eight leaves make the eight leaf hashes, four pairs, two quads and the root: 15 nodes.
    expect(whole.length).toBe(15);
    expect(() => nodesAppended(3, [], [leaves[3]!])).toThrow(RangeError);
  });
});
