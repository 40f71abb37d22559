// Receipts: everything anyone needs to check one transaction offline, given the node's public key.
import { canonicalBytes } from "./canonical";
import type { SignatureVerifier } from "./ed25519";
import { computeBlockHash, computeTxId } from "./hash";
import { bytesToHex, hexToBytes, hex64Pattern } from "./hex";
import { verifyInclusion } from "./merkle";
import type { InclusionProof, Receipt, SignedBlock, SignedTransaction } from "./types";

export function buildReceipt(input: {
  txId: string;
  signed: SignedTransaction;
  block: SignedBlock;
  leafIndex: number;
  path: readonly Uint8Array[];
  nodePublicKey: string;
}): Receipt {
  const proof: InclusionProof = {
    leafIndex: input.leafIndex,
    treeSize: input.block.header.txCount,
    path: input.path.map(bytesToHex),
  };
  return {
    txId: input.txId,
    tx: input.signed.tx,
    signature: input.signed.signature,
    block: input.block,
    proof,
    nodePublicKey: input.nodePublicKey,
  };
}

export type ReceiptCheck = { name: string; ok: boolean };
export type ReceiptVerification = { ok: boolean; checks: ReceiptCheck[] };

/**
 * Verifies a receipt against the node key the verifier trusts (pinned at first use, or given out of band).
 * Each check is reported, so that a person can see what was proven and what failed.
 */
export async function verifyReceipt(
  receipt: Receipt,
  trustedNodePublicKey: string,
  verify: SignatureVerifier,
): Promise<ReceiptVerification> {
  const checks: ReceiptCheck[] = [];
  const check = (name: string, ok: boolean) => checks.push({ name, ok });
  const { tx, block, proof } = receipt;

  check("The receipt names the node key you trust", receipt.nodePublicKey === trustedNodePublicKey);
  check("The transaction id is the SHA-256 of the transaction", computeTxId(tx) === receipt.txId);
  const signer = tx.type === "mint" ? trustedNodePublicKey : tx.from;
  check(
    tx.type === "mint" ? "The node signed this mint" : "The payer signed this payment",
    tx.from === signer && (await verify(signer, canonicalBytes(tx), receipt.signature)),
  );
  check("The transaction belongs to the block's chain", tx.chainId === block.header.chainId);
  check("The block hash is the SHA-256 of its header", computeBlockHash(block.header) === block.hash);
  check(
    "The node signed the block header",
    await verify(trustedNodePublicKey, canonicalBytes(block.header), block.signature),
  );
  const isProofWellFormed =
    proof.treeSize === block.header.txCount &&
    hex64Pattern.test(receipt.txId) &&
    hex64Pattern.test(block.header.merkleRoot) &&
    proof.path.every((hash) => hex64Pattern.test(hash));
  check(
    "The Merkle inclusion proof leads to the block's Merkle root",
    isProofWellFormed &&
      verifyInclusion(
        hexToBytes(receipt.txId),
        proof.leafIndex,
        proof.treeSize,
        proof.path.map(hexToBytes),
        hexToBytes(block.header.merkleRoot),
      ),
  );
  return { ok: checks.every((item) => item.ok), checks };
}
