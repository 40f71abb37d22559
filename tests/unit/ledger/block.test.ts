// Block headers: how one is made, what genesis is, and when one may follow another.
import { describe, expect, it } from "vitest";
import {
  computeBlockHash,
  computeMerkleRoot,
  linkProblem,
  makeBlockHeader,
  makeGenesisHeader,
} from "@/lib/ledger/block";
import { sha256 } from "@/lib/ledger/hash";
import { bytesToHex, hexToBytes } from "@/lib/ledger/hex";
import { genesisPrevHash } from "@/lib/ledger/limits";
import { hashChildren, hashLeaf } from "@/lib/ledger/merkle";
import type { BlockHeader } from "@/lib/ledger/types";

const emptyRoot = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const txIds = ["11".repeat(32), "22".repeat(32), "33".repeat(32)];

describe("computeMerkleRoot", () => {
  it("of no transactions is SHA-256 of nothing", () => {
    expect(computeMerkleRoot([])).toBe(emptyRoot);
  });

  it("of one transaction is its leaf hash over the raw 32 txId bytes", () => {
    expect(computeMerkleRoot([txIds[0]!])).toBe(bytesToHex(sha256(hexToBytes(`00${txIds[0]!}`))));
  });

  it("of three transactions is H(H(l0, l1), l2)", () => {
    const [l0, l1, l2] = txIds.map((txId) => hashLeaf(hexToBytes(txId)));
    expect(computeMerkleRoot(txIds)).toBe(bytesToHex(hashChildren(hashChildren(l0!, l1!), l2!)));
  });

  it("depends on the order of the transactions", () => {
    expect(computeMerkleRoot([txIds[1]!, txIds[0]!])).not.toBe(computeMerkleRoot([txIds[0]!, txIds[1]!]));
  });

  it("refuses a txId that is not lowercase hex", () => {
    expect(() => computeMerkleRoot(["AB".repeat(32)])).toThrow(TypeError);
  });
});

describe("makeBlockHeader and makeGenesisHeader", () => {
  it("a header carries version 1, its Merkle root and its transaction count", () => {
    const header = makeBlockHeader({
      chainId: "chainpay-local",
      height: 12,
      prevHash: "ab".repeat(32),
      txIds,
      timestamp: "2026-11-25T22:00:00.120Z",
    });
    expect(header).toEqual({
      version: 1,
      chainId: "chainpay-local",
      height: 12,
      prevHash: "ab".repeat(32),
      merkleRoot: computeMerkleRoot(txIds),
      txCount: 3,
      timestamp: "2026-11-25T22:00:00.120Z",
    });
  });

  it("genesis is height 0 with 64 zeros for prevHash and no transactions", () => {
    expect(genesisPrevHash).toBe("0".repeat(64));
    expect(makeGenesisHeader("chainpay-local", "2026-11-25T00:00:00.000Z")).toEqual({
      version: 1,
      chainId: "chainpay-local",
      height: 0,
      prevHash: "0".repeat(64),
      merkleRoot: emptyRoot,
      txCount: 0,
      timestamp: "2026-11-25T00:00:00.000Z",
    });
  });
});

describe("linkProblem", () => {
  const genesis = makeGenesisHeader("chainpay-local", "2026-11-25T00:00:00.000Z");
  const genesisBlock = { header: genesis, hash: computeBlockHash(genesis) };
  const next = (changes: Partial<BlockHeader> = {}): BlockHeader => ({
    ...makeBlockHeader({
      chainId: "chainpay-local",
      height: 1,
      prevHash: genesisBlock.hash,
      txIds,
      timestamp: genesis.timestamp,
    }),
    ...changes,
  });

  it.each([
    { name: "genesis first", previous: null, header: genesis, problem: null },
    { name: "the block after genesis", previous: genesisBlock, header: next(), problem: null },
    {
      name: "a first block above height 0",
      previous: null,
      header: next(),
      problem: "the first block is not at height 0",
    },
    {
      name: "genesis with a parent",
      previous: null,
      header: { ...genesis, prevHash: "01".repeat(32) },
      problem: "genesis prevHash is not 64 zeros",
    },
    {
      name: "a skipped height",
      previous: genesisBlock,
      header: next({ height: 2 }),
      problem: "height 2 does not follow 0",
    },
    {
      name: "a repeated height",
      previous: genesisBlock,
      header: next({ height: 0 }),
      problem: "height 0 does not follow 0",
    },
    {
      name: "a prevHash that is not the previous hash",
      previous: genesisBlock,
      header: next({ prevHash: genesis.merkleRoot }),
      problem: "prevHash is not the previous block's hash",
    },
  ])("$name: $problem", ({ previous, header, problem }) => {
    expect(linkProblem(previous, header)).toBe(problem);
  });
});
