// Block headers: how a block is made and what a well-formed chain of them looks like.
import { computeBlockHash } from "./hash";
import { bytesToHex, hexToBytes } from "./hex";
import { blockVersion, genesisPrevHash } from "./limits";
import { merkleTreeHash } from "./merkle";
import type { BlockHeader } from "./types";

export function computeMerkleRoot(txIds: readonly string[]): string {
  return bytesToHex(merkleTreeHash(txIds.map(hexToBytes)));
}

export function makeBlockHeader(input: {
  chainId: string;
  height: number;
  prevHash: string;
  txIds: readonly string[];
  timestamp: string;
}): BlockHeader {
  return {
    version: blockVersion,
    chainId: input.chainId,
    height: input.height,
    prevHash: input.prevHash,
    merkleRoot: computeMerkleRoot(input.txIds),
    txCount: input.txIds.length,
    timestamp: input.timestamp,
  };
}

export function makeGenesisHeader(chainId: string, timestamp: string): BlockHeader {
  return makeBlockHeader({ chainId, height: 0, prevHash: genesisPrevHash, txIds: [], timestamp });
}

/** Why `header` cannot follow `previous` (null: it must be genesis), or null when the link holds. */
export function linkProblem(
  previous: { header: BlockHeader; hash: string } | null,
  header: BlockHeader,
): string | null {
  if (previous === null) {
    if (header.height !== 0) return "the first block is not at height 0";
    if (header.prevHash !== genesisPrevHash) return "genesis prevHash is not 64 zeros";
    return null;
  }
  if (header.height !== previous.header.height + 1)
    return `height ${header.height} does not follow ${previous.header.height}`;
  if (header.prevHash !== previous.hash) return "prevHash is not the previous block's hash";
  return null;
}

export { computeBlockHash };
