// A block's tree built once and kept as packed interior levels: the paths read back from the levels (as the
// stores read them, hash by hash at computed offsets) must be exactly RFC 9162's audit paths, for the published
// test data and for every leaf of every tree size from 1 to 70.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "@/lib/ledger/hex";
import {
  hashLeaf,
  inclusionPath,
  inclusionPathPositions,
  inclusionPaths,
  levelSizes,
  merkleTree,
  merkleTreeHash,
  packInteriorLevels,
  packedInteriorBytes,
  packedInteriorOffset,
  pathOfTree,
  pathsOfTree,
  treeFromPacked,
} from "@/lib/ledger/merkle";
import { pathFromStored, pathsFromStored, storedPathPlan } from "@/lib/db/stored-trees";
import rfc6962 from "../vectors/rfc6962-merkle.json";

const leaves = rfc6962.leaves.map(hexToBytes);
const rootBySize = new Map(rfc6962.roots.map(({ size, root }) => [size, root]));

/** 32-byte leaves, like a block's txIds. */
function txIds(count: number): string[] {
  return Array.from({ length: count }, (_, index) => createHash("sha256").update(`transaction ${index}`).digest("hex"));
}

/** The path as a store reads it: the sibling leaf's hash from its txId, then 32 bytes at each planned offset. */
function pathReadLikeAStore(leafHexes: readonly string[], packed: Uint8Array, leafIndex: number): string[] {
  const plan = storedPathPlan(leafIndex, leafHexes.length);
  const siblingTxId = plan.siblingLeafIndex === null ? null : leafHexes[plan.siblingLeafIndex]!;
  const interior = plan.interiorOffsets.map((offset) => packed.slice(offset, offset + 32));
  return pathFromStored(plan, siblingTxId, interior).map(bytesToHex);
}

describe("the tree built once, against RFC 6962 test data", () => {
  it.each(rfc6962.roots)("merkleTree gives the published root of size $size", ({ size, root }) => {
    expect(bytesToHex(merkleTree(leaves.slice(0, size)).root)).toBe(root);
  });

  it("gives the empty tree SHA-256 of nothing, and no levels", () => {
    expect(bytesToHex(merkleTree([]).root)).toBe(rfc6962.emptyRoot);
    expect(merkleTree([]).levels).toEqual([]);
  });

  const proofs = rfc6962.inclusionProofs.map((proof) => ({
    ...proof,
    name: `leaf ${proof.leafIndex} of ${proof.treeSize}`,
  }));

  it.each(proofs)("pathOfTree and the stored levels give the published proof for $name", (proof) => {
    const tree = merkleTree(leaves.slice(0, proof.treeSize));
    expect(bytesToHex(tree.root)).toBe(rootBySize.get(proof.treeSize));
    expect(pathOfTree(tree, proof.leafIndex).map(bytesToHex)).toEqual(proof.path);
    const packed = packInteriorLevels(tree);
    expect(pathReadLikeAStore(rfc6962.leaves.slice(0, proof.treeSize), packed, proof.leafIndex)).toEqual(proof.path);
  });
});

describe("every leaf of every tree size from 1 to 70", () => {
  const sizes = Array.from({ length: 70 }, (_, index) => index + 1);

  it.each(sizes)("size %i: the levels and the packed levels give inclusionPath for each leaf", (size) => {
    const hexes = txIds(size);
    const data = hexes.map(hexToBytes);
    const tree = merkleTree(data);
    expect(bytesToHex(tree.root)).toBe(bytesToHex(merkleTreeHash(data)));
    expect(tree.levels.map((level) => level.length)).toEqual(levelSizes(size));

    const packed = packInteriorLevels(tree);
    expect(packed.length).toBe(packedInteriorBytes(size));
    // About one stored hash a transaction: each level halves, and an unpaired node carried up repeats once a level.
    expect(packed.length).toBeLessThanOrEqual(32 * (size + levelSizes(size).length));
    if (size <= 2) expect(packed.length).toBe(0);

    const rebuilt = treeFromPacked(data.map(hashLeaf), packed);
    expect(bytesToHex(rebuilt.root)).toBe(bytesToHex(tree.root));
    const fromPacked = pathsOfTree(rebuilt);
    const fromExport = pathsFromStored(hexes, packed.length === 0 ? undefined : packed);
    const all = inclusionPaths(data);
    for (let leafIndex = 0; leafIndex < size; leafIndex++) {
      const expected = inclusionPath(data, leafIndex).map(bytesToHex);
      expect(pathOfTree(tree, leafIndex).map(bytesToHex)).toEqual(expected);
      expect(all[leafIndex]!.map(bytesToHex)).toEqual(expected);
      expect(pathReadLikeAStore(hexes, packed, leafIndex)).toEqual(expected);
      expect(fromPacked[leafIndex]!.map(bytesToHex)).toEqual(expected);
      expect(fromExport[leafIndex]!.map(bytesToHex)).toEqual(expected);
      // O(log n): one hash a level, and only the sibling at the leaf level is hashed from a txId.
      expect(inclusionPathPositions(leafIndex, size).length).toBeLessThanOrEqual(levelSizes(size).length - 1);
    }
  });
});

describe("the packed levels refuse what does not fit", () => {
  it("names no offset outside the interior levels", () => {
    expect(() => packedInteriorOffset(8, { level: 0, index: 0 })).toThrow(RangeError);
    expect(() => packedInteriorOffset(8, { level: 3, index: 0 })).toThrow(RangeError);
    expect(() => packedInteriorOffset(8, { level: 1, index: 4 })).toThrow(RangeError);
    expect(packedInteriorOffset(8, { level: 2, index: 1 })).toBe(5 * 32);
  });

  it("refuses a leaf index outside the tree", () => {
    expect(() => inclusionPathPositions(3, 3)).toThrow(RangeError);
    expect(() => inclusionPathPositions(-1, 3)).toThrow(RangeError);
  });

  it("refuses levels of the wrong length, and the export then rebuilds the paths from the leaves", () => {
    const hexes = txIds(5);
    const data = hexes.map(hexToBytes);
    const packed = packInteriorLevels(merkleTree(data));
    expect(() => treeFromPacked(data.map(hashLeaf), packed.slice(32))).toThrow(RangeError);
    expect(pathsFromStored(hexes, packed.slice(32)).map((path) => path.map(bytesToHex))).toEqual(
      inclusionPaths(data).map((path) => path.map(bytesToHex)),
    );
  });

  it("asserts that a block's tree was stored when its path needs one", () => {
    const plan = storedPathPlan(0, 5);
    expect(() => pathFromStored(plan, txIds(2)[1]!, [])).toThrow();
  });
});
