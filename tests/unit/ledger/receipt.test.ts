// Receipts verified offline with nothing but the node's public key: a hand-built block of five payments
// passes, and every single tampering fails exactly the check that guards it.
import { describe, expect, it } from "vitest";
import { computeBlockHash, makeBlockHeader, makeGenesisHeader } from "@/lib/ledger/block";
import { verifyWithWebCrypto } from "@/lib/ledger/ed25519";
import { computeTxId } from "@/lib/ledger/hash";
import { bytesToHex, hexToBytes } from "@/lib/ledger/hex";
import { hashChildren, hashLeaf, inclusionPaths } from "@/lib/ledger/merkle";
import { buildReceipt, verifyReceipt } from "@/lib/ledger/receipt";
import type { Receipt, SignedBlock, SignedTransaction } from "@/lib/ledger/types";
import { signBlock } from "../support/chain";
import { flipHexBit, isoAt, mint, namedKey, payment, testChainId, verifyNodeSync, type TestKey } from "../support/keys";

const node = namedKey("node");
const rogue = namedKey("rogue");
const alice = namedKey("alice");
const bob = namedKey("bob");
const carol = namedKey("carol");

const check = {
  nodeKey: "The receipt names the node key you trust",
  txId: "The transaction id is the SHA-256 of the transaction",
  payerSigned: "The payer signed this payment",
  nodeSignedMint: "The node signed this mint",
  chain: "The transaction belongs to the block's chain",
  blockHash: "The block hash is the SHA-256 of its header",
  headerSigned: "The node signed the block header",
  inclusion: "The Merkle inclusion proof leads to the block's Merkle root",
} as const;

/** Seals `transactions` into a block after genesis, signed by `signer`, and writes every receipt for it. */
function sealAndReceipt(
  transactions: readonly SignedTransaction[],
  signer: TestKey = node,
): { block: SignedBlock; receipts: Receipt[] } {
  const genesis = signBlock(makeGenesisHeader(testChainId, isoAt(0)), node);
  const txIds = transactions.map((signed) => computeTxId(signed.tx));
  const header = makeBlockHeader({
    chainId: testChainId,
    height: 1,
    prevHash: genesis.hash,
    txIds,
    timestamp: isoAt(1000),
  });
  const block = signBlock(header, signer);
  expect(block.hash).toBe(computeBlockHash(header));
  const paths = inclusionPaths(txIds.map(hexToBytes));
  const receipts = transactions.map((signed, leafIndex) =>
    buildReceipt({
      txId: txIds[leafIndex]!,
      signed,
      block,
      leafIndex,
      path: paths[leafIndex]!,
      nodePublicKey: signer.publicKeyHex,
    }),
  );
  return { block, receipts };
}

const payments = [
  payment(alice, bob, "1250", { memo: "coffee" }),
  payment(bob, carol, "300"),
  payment(carol, alice, "99", { memo: "☕ thanks" }),
  payment(alice, carol, "9999999999999999", { timestamp: isoAt(5) }),
  payment(bob, alice, "1", { memo: "the last one" }),
];
const { block, receipts } = sealAndReceipt(payments);

async function failedChecks(receipt: Receipt, trustedKey = node.publicKeyHex): Promise<string[]> {
  const verification = await verifyReceipt(receipt, trustedKey, verifyNodeSync);
  expect(verification.ok).toBe(verification.checks.every((item) => item.ok));
  return verification.checks.filter((item) => !item.ok).map((item) => item.name);
}

function tampered(receipt: Receipt, change: (copy: Receipt) => void): Receipt {
  const copy = structuredClone(receipt);
  change(copy);
  return copy;
}

describe("buildReceipt", () => {
  it("writes the protocol's receipt shape", () => {
    const receipt = receipts[2]!;
    expect(Object.keys(receipt).sort()).toEqual(["block", "nodePublicKey", "proof", "signature", "tx", "txId"]);
    expect(receipt).toMatchObject({
      txId: computeTxId(payments[2]!.tx),
      tx: payments[2]!.tx,
      signature: payments[2]!.signature,
      block,
      nodePublicKey: node.publicKeyHex,
      proof: { leafIndex: 2, treeSize: 5 },
    });
    // Leaf 2 of 5 (RFC 9162 §2.1.3.1): its sibling leaf 3, then the subtree over leaves 0 and 1, then leaf 4.
    const leafHashes = receipts.map((item) => hashLeaf(hexToBytes(item.txId)));
    expect(receipt.proof.path).toEqual([
      bytesToHex(leafHashes[3]!),
      bytesToHex(hashChildren(leafHashes[0]!, leafHashes[1]!)),
      bytesToHex(leafHashes[4]!),
    ]);
  });
});

describe("verifyReceipt on untouched receipts", () => {
  it.each(receipts.map((receipt, leafIndex) => ({ receipt, leafIndex })))(
    "leaf $leafIndex of 5 passes every check",
    async ({ receipt }) => {
      const verification = await verifyReceipt(receipt, node.publicKeyHex, verifyNodeSync);
      expect(verification.checks.map((item) => item.name)).toEqual([
        check.nodeKey,
        check.txId,
        check.payerSigned,
        check.chain,
        check.blockHash,
        check.headerSigned,
        check.inclusion,
      ]);
      expect(verification.checks.every((item) => item.ok)).toBe(true);
      expect(verification.ok).toBe(true);
    },
  );

  it("the browser's WebCrypto verifier reaches the same verdict", async () => {
    const verification = await verifyReceipt(receipts[4]!, node.publicKeyHex, verifyWithWebCrypto);
    expect(verification.ok).toBe(true);
    const broken = tampered(receipts[4]!, (copy) => (copy.tx.amount = "2"));
    expect(
      (await verifyReceipt(broken, node.publicKeyHex, verifyWithWebCrypto)).checks
        .filter((item) => !item.ok)
        .map((item) => item.name),
    ).toEqual([check.txId, check.payerSigned]);
  });

  it("a one-transaction block has an empty path and still verifies", async () => {
    const single = sealAndReceipt([payment(alice, bob, "5")]);
    expect(single.receipts[0]!.proof).toEqual({ leafIndex: 0, treeSize: 1, path: [] });
    expect(await failedChecks(single.receipts[0]!)).toEqual([]);
  });
});

describe("verifyReceipt on a tampered receipt fails exactly the check that guards what changed", () => {
  const otherTxId = receipts[3]!.txId;
  const cases: { name: string; leaf: number; change: (copy: Receipt) => void; failed: string[] }[] = [
    {
      name: "the amount",
      leaf: 0,
      change: (copy) => (copy.tx.amount = "1251"),
      failed: [check.txId, check.payerSigned],
    },
    { name: "the memo", leaf: 0, change: (copy) => (copy.tx.memo = "tea"), failed: [check.txId, check.payerSigned] },
    {
      name: "the memo removed",
      leaf: 0,
      change: (copy) => delete copy.tx.memo,
      failed: [check.txId, check.payerSigned],
    },
    {
      name: "the payee",
      leaf: 1,
      change: (copy) => (copy.tx.to = alice.publicKeyHex),
      failed: [check.txId, check.payerSigned],
    },
    {
      name: "the timestamp",
      leaf: 1,
      change: (copy) => (copy.tx.timestamp = isoAt(1)),
      failed: [check.txId, check.payerSigned],
    },
    {
      name: "the tx type (payment to mint)",
      leaf: 1,
      change: (copy) => (copy.tx.type = "mint"),
      failed: [check.txId, check.nodeSignedMint],
    },
    {
      name: "the tx's chain",
      leaf: 1,
      change: (copy) => (copy.tx.chainId = "another-chain"),
      failed: [check.txId, check.payerSigned, check.chain],
    },
    {
      name: "the transaction signature",
      leaf: 2,
      change: (copy) => (copy.signature = flipHexBit(copy.signature, 40)),
      failed: [check.payerSigned],
    },
    {
      name: "the txId (another leaf's)",
      leaf: 2,
      change: (copy) => (copy.txId = otherTxId),
      failed: [check.txId, check.inclusion],
    },
    {
      name: "the txId (one bit)",
      leaf: 2,
      change: (copy) => (copy.txId = flipHexBit(copy.txId, 0)),
      failed: [check.txId, check.inclusion],
    },
    {
      name: "the txId (uppercase)",
      leaf: 2,
      change: (copy) => (copy.txId = copy.txId.toUpperCase()),
      failed: [check.txId, check.inclusion],
    },
    {
      name: "the leafIndex (2 to 3)",
      leaf: 2,
      change: (copy) => (copy.proof.leafIndex = 3),
      failed: [check.inclusion],
    },
    {
      name: "the leafIndex (2 to 1)",
      leaf: 2,
      change: (copy) => (copy.proof.leafIndex = 1),
      failed: [check.inclusion],
    },
    {
      name: "the leafIndex (to treeSize)",
      leaf: 4,
      change: (copy) => (copy.proof.leafIndex = 5),
      failed: [check.inclusion],
    },
    {
      name: "the leafIndex (negative)",
      leaf: 0,
      change: (copy) => (copy.proof.leafIndex = -1),
      failed: [check.inclusion],
    },
    { name: "the treeSize", leaf: 0, change: (copy) => (copy.proof.treeSize = 8), failed: [check.inclusion] },
    {
      name: "the first path hash",
      leaf: 2,
      change: (copy) => (copy.proof.path[0] = flipHexBit(copy.proof.path[0]!, 5)),
      failed: [check.inclusion],
    },
    {
      name: "the last path hash",
      leaf: 2,
      change: (copy) => (copy.proof.path[2] = flipHexBit(copy.proof.path[2]!, 31)),
      failed: [check.inclusion],
    },
    { name: "a path hash removed", leaf: 2, change: (copy) => copy.proof.path.pop(), failed: [check.inclusion] },
    {
      name: "a path hash added",
      leaf: 2,
      change: (copy) => copy.proof.path.push(copy.txId),
      failed: [check.inclusion],
    },
    {
      name: "a path hash not lowercase hex",
      leaf: 2,
      change: (copy) => (copy.proof.path[0] = copy.proof.path[0]!.toUpperCase()),
      failed: [check.inclusion],
    },
    {
      name: "the header's merkleRoot",
      leaf: 0,
      change: (copy) => (copy.block.header.merkleRoot = flipHexBit(copy.block.header.merkleRoot, 0)),
      failed: [check.blockHash, check.headerSigned, check.inclusion],
    },
    {
      name: "the header's merkleRoot, with the block hash recomputed to match",
      leaf: 0,
      change: (copy) => {
        copy.block.header.merkleRoot = flipHexBit(copy.block.header.merkleRoot, 0);
        copy.block.hash = computeBlockHash(copy.block.header);
      },
      failed: [check.headerSigned, check.inclusion],
    },
    {
      name: "the header's txCount",
      leaf: 0,
      change: (copy) => (copy.block.header.txCount = 6),
      failed: [check.blockHash, check.headerSigned, check.inclusion],
    },
    {
      name: "the header's chain",
      leaf: 0,
      change: (copy) => (copy.block.header.chainId = "another-chain"),
      failed: [check.chain, check.blockHash, check.headerSigned],
    },
    {
      name: "the block hash",
      leaf: 0,
      change: (copy) => (copy.block.hash = flipHexBit(copy.block.hash, 7)),
      failed: [check.blockHash],
    },
    {
      name: "the block signature",
      leaf: 0,
      change: (copy) => (copy.block.signature = flipHexBit(copy.block.signature, 3)),
      failed: [check.headerSigned],
    },
    {
      name: "the block signature, made by another key over the same header",
      leaf: 0,
      change: (copy) => (copy.block.signature = signBlock(copy.block.header, rogue).signature),
      failed: [check.headerSigned],
    },
    {
      name: "the nodePublicKey swapped for another key",
      leaf: 3,
      change: (copy) => (copy.nodePublicKey = rogue.publicKeyHex),
      failed: [check.nodeKey],
    },
  ];

  it.each(cases)("$name", async ({ leaf, change, failed }) => {
    const receipt = tampered(receipts[leaf]!, change);
    expect(await failedChecks(receipt)).toEqual(failed);
    expect((await verifyReceipt(receipt, node.publicKeyHex, verifyNodeSync)).ok).toBe(false);
  });

  it("a whole block forged by another node passes only the checks its own key can satisfy", async () => {
    const forged = sealAndReceipt(payments, rogue).receipts[0]!;
    expect(await failedChecks(forged)).toEqual([check.nodeKey, check.headerSigned]);
    // The same receipt checks out for someone who trusts the rogue key: trust is in the key, not the receipt.
    expect(await failedChecks(forged, rogue.publicKeyHex)).toEqual([]);
  });
});

describe("verifyReceipt on mints", () => {
  it("a mint signed by the node passes", async () => {
    const { receipts: mintReceipts } = sealAndReceipt([payment(alice, bob, "1"), mint(node, carol, "5000")]);
    expect(await failedChecks(mintReceipts[1]!)).toEqual([]);
  });

  it("a mint made and signed by a key other than the node fails 'The node signed this mint'", async () => {
    const { receipts: mintReceipts } = sealAndReceipt([mint(rogue, carol, "5000"), payment(alice, bob, "1")]);
    expect(await failedChecks(mintReceipts[0]!)).toEqual([check.nodeSignedMint]);
  });

  it("a mint naming the node but signed by another key fails 'The node signed this mint'", async () => {
    const { receipts: mintReceipts } = sealAndReceipt([mint(node, carol, "5000", { signer: rogue })]);
    expect(await failedChecks(mintReceipts[0]!)).toEqual([check.nodeSignedMint]);
  });
});
