// A witnessed log for the wallet's tests, built with the core's own functions: a node key that signs blocks and
// checkpoints, three witnesses that cosign, a policy naming them, and a receipt of a payment in block 1.
import { makeBlockHeader } from "@/lib/ledger/block";
import { computeTxId } from "@/lib/ledger/hash";
import { hexToBytes } from "@/lib/ledger/hex";
import { formatCheckpoint } from "@/lib/ledger/log/checkpoint";
import { signNote } from "@/lib/ledger/log/note";
import { consistencyProof } from "@/lib/ledger/log/tree";
import { inclusionPath, merkleTreeHash } from "@/lib/ledger/merkle";
import { buildReceipt } from "@/lib/ledger/receipt";
import type { Receipt } from "@/lib/ledger/types";
import { signBlock } from "../support/chain";
import { isoAt, namedKey, payment, testChainId } from "../support/keys";
import { ed25519KeyNamed, testLogSigner, testWitness, type TestWitness } from "../support/log-keys";

export const origin = `chainpay/${testChainId}`;
/** The same seed as namedKey("node"): one key signs the blocks and the checkpoints, as a node does. */
export const nodeKey = namedKey("node");
export const logSigner = testLogSigner(origin, ed25519KeyNamed("node"));
export const witnesses = ["alpha", "bravo", "charlie"].map((name) => testWitness(name));
export const nowMs = Date.parse("2026-12-01T12:00:00.000Z");
export const nowSeconds = Math.floor(nowMs / 1000);

/** `2 of 3` (or `quorum none`) over the three witnesses, as the node serves it. */
export function policyText(quorum: number | "none" = 2, members: readonly TestWitness[] = witnesses): string {
  if (quorum === "none") return `log ${logSigner.vkey}\nquorum none\n`;
  const lines = [`log ${logSigner.vkey}`];
  for (const witness of members)
    lines.push(`witness ${witness.name} ${witness.vkey} https://${witness.name}.example/api/witness`);
  lines.push(`group main ${quorum} ${members.map((witness) => witness.name).join(" ")}`, "quorum main");
  return `${lines.join("\n")}\n`;
}

/** A leaf that stands for a block hash: distinct bytes per index and per history (`fork` makes another one). */
export function leafOf(index: number, fork = 0): Uint8Array {
  const leaf = new Uint8Array(32);
  leaf[0] = index & 0xff;
  leaf[1] = index >> 8;
  leaf[2] = fork;
  return leaf;
}

export function leavesOf(size: number, fork = 0): Uint8Array[] {
  return Array.from({ length: size }, (_, index) => leafOf(index, fork));
}

/** The signed checkpoint of `leaves`: the node's signature first, then the cosignatures of `cosigners`. */
export function checkpointNote(
  leaves: readonly Uint8Array[],
  cosigners: readonly TestWitness[] = witnesses.slice(0, 2),
): string {
  const text = formatCheckpoint({ origin, size: leaves.length, rootHash: merkleTreeHash(leaves) });
  return signNote(text, [logSigner.signer, ...cosigners.map((witness) => witness.cosigner(nowSeconds - 5))]);
}

export function consistencyFetcher(leaves: readonly Uint8Array[]) {
  const asked: [number, number][] = [];
  const fetch = (fromSize: number, toSize: number) => {
    asked.push([fromSize, toSize]);
    return Promise.resolve(consistencyProof(leaves.slice(0, toSize), fromSize));
  };
  return { fetch, asked };
}

/** A payment's receipt in block 1, and its witnessed receipt under a checkpoint of `size` blocks. */
export function witnessedPayment(size = 5, cosigners: readonly TestWitness[] = witnesses.slice(0, 2)) {
  const signed = payment(namedKey("alice"), namedKey("bob"), "1250");
  const txId = computeTxId(signed.tx);
  const header = makeBlockHeader({
    chainId: testChainId,
    height: 1,
    prevHash: "0".repeat(64),
    txIds: [txId],
    timestamp: isoAt(1),
  });
  const receipt: Receipt = buildReceipt({
    txId,
    signed,
    block: signBlock(header, nodeKey),
    leafIndex: 0,
    path: [],
    nodePublicKey: nodeKey.publicKeyHex,
  });
  const leaves = leavesOf(size);
  leaves[1] = hexToBytes(receipt.block.hash);
  const logProof = {
    leafIndex: 1,
    treeSize: size,
    path: inclusionPath(leaves, 1).map((hash) => Buffer.from(hash).toString("hex")),
  };
  return { receipt, witnessed: { receipt, checkpoint: checkpointNote(leaves, cosigners), logProof } };
}
