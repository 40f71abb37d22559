// Hand-built chains for the receipt and audit tests: every block made, hashed and signed the way the node
// does it, from the pure core's own makeBlockHeader and computeBlockHash plus a node:crypto signature.
import type { AuditBlock } from "@/lib/ledger/audit";
import { computeBlockHash, makeBlockHeader, makeGenesisHeader } from "@/lib/ledger/block";
import { canonicalBytes } from "@/lib/ledger/canonical";
import { computeTxId } from "@/lib/ledger/hash";
import { buildReceipt } from "@/lib/ledger/receipt";
import type { BlockHeader, Receipt, SignedBlock, SignedTransaction } from "@/lib/ledger/types";
import { signWithNodeCrypto } from "@/lib/crypto/ed25519";
import { isoAt, testChainId, type TestKey } from "./keys";

export function signBlock(header: BlockHeader, signer: TestKey): SignedBlock {
  return {
    header,
    hash: computeBlockHash(header),
    signature: signWithNodeCrypto(signer.privateKey, canonicalBytes(header)),
  };
}

export type BlockSpec = {
  transactions: readonly SignedTransaction[];
  /** Replaces header fields after makeBlockHeader, before hashing and signing: a node that wrote them so. */
  header?: Partial<BlockHeader>;
  /** Who signs the header; the node unless a test says otherwise. */
  signer?: TestKey;
};

/**
 * Genesis followed by one block per spec, each linked to the one before it (its actual hash and height + 1),
 * so that a fault injected through a spec is the only thing wrong with the chain.
 */
export function buildChain(node: TestKey, specs: readonly BlockSpec[]): AuditBlock[] {
  const genesis = signBlock(makeGenesisHeader(testChainId, isoAt(0)), node);
  const chain: AuditBlock[] = [{ block: genesis, transactions: [] }];
  let previous = genesis;
  for (const spec of specs) {
    const txIds = spec.transactions.map((signed) => computeTxId(signed.tx));
    const header: BlockHeader = {
      ...makeBlockHeader({
        chainId: testChainId,
        height: previous.header.height + 1,
        prevHash: previous.hash,
        txIds,
        timestamp: isoAt((previous.header.height + 1) * 1000),
      }),
      ...spec.header,
    };
    const block = signBlock(header, spec.signer ?? node);
    chain.push({
      block,
      transactions: spec.transactions.map((signed, leafIndex) => ({
        txId: txIds[leafIndex]!,
        tx: signed.tx,
        signature: signed.signature,
        leafIndex,
      })),
    });
    previous = block;
  }
  return chain;
}

/**
 * The node's receipt for `signed` alone in block `height` (its leaf is the Merkle root), sealed at `timestamp`
 * (the payment's own time unless given) and signed by `signer`.
 */
export function loneReceipt(
  signed: SignedTransaction,
  options: { height: number; signer: TestKey; timestamp?: string },
): Receipt {
  const txId = computeTxId(signed.tx);
  const header = makeBlockHeader({
    chainId: testChainId,
    height: options.height,
    prevHash: "0".repeat(64),
    txIds: [txId],
    timestamp: options.timestamp ?? signed.tx.timestamp,
  });
  return buildReceipt({
    txId,
    signed,
    block: signBlock(header, options.signer),
    leafIndex: 0,
    path: [],
    nodePublicKey: options.signer.publicKeyHex,
  });
}
