// The one sentence that says where a receipt's transaction sits in its block's Merkle tree: the wallet's receipt
// and the explorer's transaction page say it alike. The leaf index is 0-based, as in the receipt itself.
import { countOf } from "./plural";

export function proofSummary(proof: { leafIndex: number; treeSize: number; path: readonly string[] }): string {
  const position = `Leaf ${proof.leafIndex} of ${proof.treeSize}`;
  if (proof.treeSize === 1) return `${position}: the transaction's leaf is the root itself`;
  return `${position}, proven by ${countOf(proof.path.length, { one: "hash", other: "hashes" })}`;
}
