// A small chain with its log, checkpoints signed by the node and cosigned by witnesses, policies and witnessed
// receipts, all made with the core's own functions (lib/ledger/log) and fixed keys, for the verifier's v2 tests.
import type { AuditBlock } from "@/lib/ledger/audit";
import { bytesToHex, hexToBytes } from "@/lib/ledger/hex";
import { formatCheckpoint } from "@/lib/ledger/log/checkpoint";
import { signNote, type NoteSigner } from "@/lib/ledger/log/note";
import { parsePolicy, type Policy } from "@/lib/ledger/log/policy";
import type { WitnessedReceipt } from "@/lib/ledger/log/witnessed";
import { inclusionPath, merkleTreeHash } from "@/lib/ledger/merkle";
import { buildReceipt } from "@/lib/ledger/receipt";
import { buildChain } from "../support/chain";
import { mint, namedKey, payment, testChainId } from "../support/keys";
import { ed25519KeyNamed, testLogSigner, testWitness } from "../support/log-keys";

export const origin = `chainpay/${testChainId}`;
/** The node's key twice: as the chain's block signer (node:crypto) and as its checkpoint signer (one seed). */
export const nodeKey = namedKey("witnessed-node");
export const nodeLog = testLogSigner(origin, ed25519KeyNamed("witnessed-node"));
export const nodeVkey = nodeLog.vkey;
export const witnesses = ["alpha.example/witness", "beta.example/witness", "gamma.example/witness"].map((name) =>
  testWitness(name),
);

export function witnessSigner(index: number, timestampSeconds: number): NoteSigner {
  return witnesses[index]!.cosigner(timestampSeconds);
}

/** A policy of the node and the first `count` witnesses, with `quorum` (a witness's or group's name, or none). */
export function policyText(count: number, quorum: string, groups: string[] = []): string {
  const lines = [`log ${nodeVkey}`];
  for (let index = 0; index < count; index++)
    lines.push(`witness ${witnesses[index]!.name} ${witnesses[index]!.vkey} http://witness-${index}.test/`);
  lines.push(...groups, `quorum ${quorum}`);
  return `${lines.join("\n")}\n`;
}

export function policyOf(count: number, quorum: string, groups: string[] = []): Policy {
  return parsePolicy(policyText(count, quorum, groups));
}

/** Genesis, a mint and three payments in blocks 1 to 4: five blocks, a log of five leaves. */
export const chain: AuditBlock[] = (() => {
  const payer = namedKey("witnessed-payer");
  const payee = namedKey("witnessed-payee");
  return buildChain(nodeKey, [
    { transactions: [mint(nodeKey, payer, "100000")] },
    { transactions: [payment(payer, payee, "100"), payment(payer, payee, "200")] },
    { transactions: [payment(payer, payee, "300")] },
    { transactions: [payment(payer, payee, "400", { memo: "last" })] },
  ]);
})();

export const leaves = chain.map((block) => hexToBytes(block.block.hash));

/** A checkpoint note of the log's first `size` leaves, signed by `signers` (the node's first). */
export function checkpointNote(
  size: number,
  signers: readonly NoteSigner[],
  rootHash = merkleTreeHash(leaves.slice(0, size)),
) {
  return signNote(formatCheckpoint({ origin, size, rootHash }), signers);
}

/** The witnessed receipt of transaction `leafIndex` of block `height`, under a checkpoint of `size`. */
export function witnessedReceipt(height: number, leafIndex: number, size: number, note: string): WitnessedReceipt {
  const { block, transactions } = chain[height]!;
  const transaction = transactions[leafIndex]!;
  const receipt = buildReceipt({
    txId: transaction.txId,
    signed: { tx: transaction.tx, signature: transaction.signature },
    block,
    leafIndex,
    path: inclusionPath(
      transactions.map((item) => hexToBytes(item.txId)),
      leafIndex,
    ),
    nodePublicKey: nodeKey.publicKeyHex,
  });
  const path = inclusionPath(leaves.slice(0, size), height).map(bytesToHex);
  return { receipt, checkpoint: note, logProof: { leafIndex: height, treeSize: size, path } };
}
