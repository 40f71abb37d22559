// RFC 6962 / RFC 9162 §2.1 Merkle trees against the published test data (transparency-dev/merkle), and against
// a from-the-definition reference implementation for every tree size from 1 to 70.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "@/lib/ledger/hex";
import {
  bytesEqual,
  hashChildren,
  hashLeaf,
  inclusionPath,
  inclusionPaths,
  merkleTreeHash,
  verifyInclusion,
} from "@/lib/ledger/merkle";
import { flipHexBit } from "../support/keys";
import rfc6962 from "../vectors/rfc6962-merkle.json";

const leaves = rfc6962.leaves.map(hexToBytes);
const rootBySize = new Map(rfc6962.roots.map(({ size, root }) => [size, root]));

function sha256(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

/** The largest power of two smaller than n (RFC 9162 §2.1.1's k). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) exactly as RFC 9162 §2.1.1 defines it, recursively, with node:crypto's SHA-256. */
function referenceTreeHash(data: readonly Uint8Array[]): Uint8Array {
  if (data.length === 0) return sha256();
  if (data.length === 1) return sha256(Uint8Array.of(0x00), data[0]!);
  const k = splitPoint(data.length);
  return sha256(Uint8Array.of(0x01), referenceTreeHash(data.slice(0, k)), referenceTreeHash(data.slice(k)));
}

/** PATH(m, D[n]) exactly as RFC 9162 §2.1.3.1 defines it. */
function referencePath(m: number, data: readonly Uint8Array[]): Uint8Array[] {
  if (data.length <= 1) return [];
  const k = splitPoint(data.length);
  return m < k
    ? [...referencePath(m, data.slice(0, k)), referenceTreeHash(data.slice(k))]
    : [...referencePath(m - k, data.slice(k)), referenceTreeHash(data.slice(0, k))];
}

/** 32-byte leaves, like a block's txIds. */
function txIdLeaves(count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, index) => sha256(new TextEncoder().encode(`transaction ${index}`)));
}

describe("hashLeaf and hashChildren", () => {
  it("leaf hash is SHA-256(0x00 ‖ leaf)", () => {
    const leaf = hexToBytes("2021");
    expect(bytesToHex(hashLeaf(leaf))).toBe(bytesToHex(sha256(Uint8Array.of(0x00, 0x20, 0x21))));
  });

  it("node hash is SHA-256(0x01 ‖ left ‖ right), and order matters", () => {
    const [left, right] = [sha256(Uint8Array.of(1)), sha256(Uint8Array.of(2))];
    expect(bytesToHex(hashChildren(left, right))).toBe(bytesToHex(sha256(Uint8Array.of(0x01), left, right)));
    expect(bytesToHex(hashChildren(left, right))).not.toBe(bytesToHex(hashChildren(right, left)));
  });

  it("a leaf and an interior node over the same bytes hash differently (second preimage resistance)", () => {
    const [left, right] = [sha256(Uint8Array.of(1)), sha256(Uint8Array.of(2))];
    const concatenated = new Uint8Array([...left, ...right]);
    expect(bytesToHex(hashLeaf(concatenated))).not.toBe(bytesToHex(hashChildren(left, right)));
  });
});

describe("merkleTreeHash against RFC 6962 test data", () => {
  it("the empty tree hashes to SHA-256 of nothing", () => {
    expect(rfc6962.emptyRoot).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(bytesToHex(merkleTreeHash([]))).toBe(rfc6962.emptyRoot);
  });

  it.each(rfc6962.roots)("tree of size $size has the published root", ({ size, root }) => {
    expect(bytesToHex(merkleTreeHash(leaves.slice(0, size)))).toBe(root);
  });

  it("covers every size from 1 to 8", () => {
    expect(rfc6962.roots.map(({ size }) => size)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("duplicating the last leaf changes the root (no Bitcoin-style odd-leaf duplication)", () => {
    const three = leaves.slice(0, 3);
    expect(bytesToHex(merkleTreeHash([...three, three[2]!]))).not.toBe(bytesToHex(merkleTreeHash(three)));
  });
});

describe("inclusion proofs against RFC 6962 test data", () => {
  const proofs = rfc6962.inclusionProofs.map((proof) => ({
    ...proof,
    name: `leaf ${proof.leafIndex} of ${proof.treeSize}`,
    leaf: leaves[proof.leafIndex]!,
    pathBytes: proof.path.map(hexToBytes),
    root: hexToBytes(rootBySize.get(proof.treeSize)!),
  }));

  it.each(proofs)("inclusionPath reproduces the published proof for $name", ({ leafIndex, treeSize, path }) => {
    expect(inclusionPath(leaves.slice(0, treeSize), leafIndex).map(bytesToHex)).toEqual(path);
  });

  it.each(proofs)("inclusionPaths agrees for $name", ({ leafIndex, treeSize, path }) => {
    expect(inclusionPaths(leaves.slice(0, treeSize))[leafIndex]!.map(bytesToHex)).toEqual(path);
  });

  it.each(proofs)(
    "verifyInclusion accepts the published proof for $name",
    ({ leaf, leafIndex, treeSize, pathBytes, root }) => {
      expect(verifyInclusion(leaf, leafIndex, treeSize, pathBytes, root)).toBe(true);
    },
  );

  describe.each(proofs)("verifyInclusion refuses a changed proof for $name", (proof) => {
    const { leaf, leafIndex, treeSize, pathBytes, root } = proof;

    it("a wrong leaf index", () => {
      for (const wrongIndex of [leafIndex - 1, leafIndex + 1].filter((index) => index >= 0 && index < treeSize)) {
        expect(verifyInclusion(leaf, wrongIndex, treeSize, pathBytes, root)).toBe(false);
      }
      expect(verifyInclusion(leaf, -1, treeSize, pathBytes, root)).toBe(false);
      expect(verifyInclusion(leaf, leafIndex + 0.5, treeSize, pathBytes, root)).toBe(false);
    });

    it("a wrong tree size", () => {
      // Twice the size needs one more level, so this path is one hash short for it. (A size with the same path
      // shape can verify against the same root: the size is bound by the signed header's txCount instead.)
      expect(verifyInclusion(leaf, leafIndex, treeSize * 2, pathBytes, root)).toBe(false);
      expect(verifyInclusion(leaf, leafIndex, treeSize * 2 + 1, pathBytes, root)).toBe(false);
      expect(verifyInclusion(leaf, leafIndex, Number.NaN, pathBytes, root)).toBe(false);
    });

    it("leafIndex equal to or above treeSize", () => {
      expect(verifyInclusion(leaf, treeSize, treeSize, pathBytes, root)).toBe(false);
      expect(verifyInclusion(leaf, treeSize + 1, treeSize, pathBytes, root)).toBe(false);
      expect(verifyInclusion(leaf, leafIndex, leafIndex, pathBytes, root)).toBe(false);
      expect(verifyInclusion(leaf, 0, 0, [], hexToBytes(rfc6962.emptyRoot))).toBe(false);
    });

    it("each path element with one bit changed", () => {
      for (const [position, element] of proof.path.entries()) {
        const tampered = pathBytes.map((hash, index) =>
          index === position ? hexToBytes(flipHexBit(element, 31, 7)) : hash,
        );
        expect(verifyInclusion(leaf, leafIndex, treeSize, tampered, root)).toBe(false);
      }
    });

    it("a path that is too long", () => {
      expect(verifyInclusion(leaf, leafIndex, treeSize, [...pathBytes, root], root)).toBe(false);
      expect(verifyInclusion(leaf, leafIndex, treeSize, [...pathBytes, pathBytes[0] ?? root], root)).toBe(false);
    });

    it("another leaf, or another root", () => {
      const otherLeaf = leaves[(leafIndex + 1) % leaves.length]!;
      expect(verifyInclusion(otherLeaf, leafIndex, treeSize, pathBytes, root)).toBe(false);
      expect(verifyInclusion(leaf, leafIndex, treeSize, pathBytes, hexToBytes(flipHexBit(bytesToHex(root), 0)))).toBe(
        false,
      );
    });
  });

  it.each(proofs.filter((proof) => proof.path.length > 0))(
    "verifyInclusion refuses a path that is too short for $name",
    ({ leaf, leafIndex, treeSize, pathBytes, root }) => {
      expect(verifyInclusion(leaf, leafIndex, treeSize, pathBytes.slice(0, -1), root)).toBe(false);
      expect(verifyInclusion(leaf, leafIndex, treeSize, pathBytes.slice(1), root)).toBe(false);
      expect(verifyInclusion(leaf, leafIndex, treeSize, [], root)).toBe(false);
    },
  );

  it("the single-leaf tree's proof is empty and its root is the leaf hash", () => {
    const single = proofs.find((proof) => proof.treeSize === 1)!;
    expect(single.path).toEqual([]);
    expect(bytesToHex(hashLeaf(single.leaf))).toBe(rootBySize.get(1));
  });
});

describe("inclusionPath refuses a leaf index outside the tree", () => {
  it.each([-1, 3, 4, 1.5, Number.NaN])("index %s of a 3-leaf tree", (leafIndex) => {
    expect(() => inclusionPath(leaves.slice(0, 3), leafIndex)).toThrow(RangeError);
  });

  it("any index of the empty tree", () => {
    expect(() => inclusionPath([], 0)).toThrow(RangeError);
    expect(inclusionPaths([])).toEqual([]);
  });
});

describe("every tree size from 1 to 70", () => {
  const sizes = Array.from({ length: 70 }, (_, index) => index + 1);

  it.each(sizes)("size %i: the root and every audit path match RFC 9162's definitions and verify", (size) => {
    const data = txIdLeaves(size);
    const root = merkleTreeHash(data);
    expect(bytesToHex(root)).toBe(bytesToHex(referenceTreeHash(data)));

    const paths = inclusionPaths(data);
    expect(paths).toHaveLength(size);
    for (const [leafIndex, path] of paths.entries()) {
      const expected = referencePath(leafIndex, data).map(bytesToHex);
      expect(path.map(bytesToHex)).toEqual(expected);
      expect(inclusionPath(data, leafIndex).map(bytesToHex)).toEqual(expected);
      expect(verifyInclusion(data[leafIndex]!, leafIndex, size, path, root)).toBe(true);
      // The same path proves nothing about the neighbouring positions.
      if (leafIndex + 1 < size) expect(verifyInclusion(data[leafIndex]!, leafIndex + 1, size, path, root)).toBe(false);
      if (leafIndex > 0) expect(verifyInclusion(data[leafIndex]!, leafIndex - 1, size, path, root)).toBe(false);
    }
  });
});

describe("bytesEqual", () => {
  it.each([
    { a: "", b: "", equal: true },
    { a: "00ff", b: "00ff", equal: true },
    { a: "00ff", b: "00fe", equal: false },
    { a: "00ff", b: "00ff00", equal: false },
    { a: "00", b: "", equal: false },
  ])("$a vs $b is $equal", ({ a, b, equal }) => {
    expect(bytesEqual(hexToBytes(a), hexToBytes(b))).toBe(equal);
  });
});
