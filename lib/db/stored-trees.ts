// How both stores keep a block's Merkle tree and read audit paths back from it. The database holds the packed
// interior levels (lib/ledger/merkle.ts): a receipt's path is the sibling leaf's hash, made from its txId,
// and one stored hash per level above it, so a receipt reads O(log n) hashes and never rebuilds a tree.
import { assert } from "../ledger/errors";
import type { AuditBlock } from "../ledger/audit";
import { bytesToHex, hex64Pattern, hexToBytes } from "../ledger/hex";
import {
  hashLeaf,
  inclusionPathPositions,
  packedInteriorBytes,
  merkleTree,
  packInteriorLevels,
  packedInteriorOffset,
  pathsOfTree,
  treeFromPacked,
  type MerkleTree,
} from "../ledger/merkle";
import type { SignedBlock, SignedTransaction } from "../ledger/types";
import type { StoredReceipt } from "./ledger-store";
import { sequenceOf } from "./rows";

/** How many blocks a run of `storeMissingTrees` reads and writes in one transaction. */
export const missingTreesPerRun = 64;

/** The packed levels to store for `tree`, or null for a tree of one or two leaves, which has no interior level. */
export function packedTreeOf(tree: MerkleTree): Uint8Array | null {
  const packed = packInteriorLevels(tree);
  return packed.length === 0 ? null : packed;
}

/**
 * The tree of a block already in the chain, from its txIds in leaf order: what a follower stores for a verified
 * block and what `storeMissingTrees` stores for a block sealed before trees were stored.
 */
export function treeOfStoredBlock(block: SignedBlock, txIds: readonly string[]): MerkleTree {
  assert(txIds.length === block.header.txCount, "a stored block holds txCount transactions");
  const tree = merkleTree(txIds.map(hexToBytes));
  assert(bytesToHex(tree.root) === block.header.merkleRoot, "a stored block's txIds make its merkleRoot");
  return tree;
}

/** Which stored pieces one leaf's audit path is made of: the sibling leaf (by leaf index), then interior hashes. */
export type StoredPathPlan = { siblingLeafIndex: number | null; interiorOffsets: number[] };

export function storedPathPlan(leafIndex: number, treeSize: number): StoredPathPlan {
  let siblingLeafIndex: number | null = null;
  const interiorOffsets: number[] = [];
  for (const position of inclusionPathPositions(leafIndex, treeSize)) {
    if (position.level === 0) siblingLeafIndex = position.index;
    else interiorOffsets.push(packedInteriorOffset(treeSize, position));
  }
  return { siblingLeafIndex, interiorOffsets };
}

/** The audit path from the pieces `storedPathPlan` named, as the database returned them. */
export function pathFromStored(
  plan: StoredPathPlan,
  siblingTxId: string | null,
  interiorHashes: readonly Uint8Array[],
): Uint8Array[] {
  assert((plan.siblingLeafIndex === null) === (siblingTxId === null), "the sibling leaf is stored when it exists");
  assert(
    interiorHashes.length === plan.interiorOffsets.length,
    "the block's tree is stored (preparing the node stores those of blocks sealed before trees were)",
  );
  for (const hash of interiorHashes) assert(hash.length === 32, "a stored tree holds whole hashes");
  const leafLevel = siblingTxId === null ? [] : [hashLeaf(hexToBytes(siblingTxId))];
  return [...leafLevel, ...interiorHashes.map((hash) => new Uint8Array(hash))];
}

/** A recorded transaction as a store's first read for many txIds finds it: its row and its block. */
export type RecordedTransaction = { txId: string; signed: SignedTransaction; block: SignedBlock; leafIndex: number };

/** The second read: the sibling leaves' txIds by sequence, and the packed trees of the blocks named. */
export type ReadPathPieces = (
  siblingSequences: readonly number[],
  treeHeights: readonly number[],
) => Promise<{ siblingTxIds: ReadonlyMap<number, string>; packedTrees: ReadonlyMap<number, Uint8Array> }>;

/**
 * The receipts of many recorded transactions from two reads in all, rather than two or three per transaction
 * (the already-recorded items of a batch: a replayed batch was 1,000 separate lookups). Each block's packed tree
 * is read once, whole, however many of its transactions are asked for: one block's tree is at most 32 KB, and a
 * database reads the whole value to take a slice of it anyway.
 */
export async function storedReceiptsOf(
  recorded: readonly RecordedTransaction[],
  readPieces: ReadPathPieces,
): Promise<Map<string, StoredReceipt>> {
  const plans = recorded.map((item) => storedPathPlan(item.leafIndex, item.block.header.txCount));
  const siblingSequences = new Set<number>();
  const treeHeights = new Set<number>();
  for (const [index, plan] of plans.entries()) {
    const { height } = recorded[index]!.block.header;
    if (plan.siblingLeafIndex !== null) siblingSequences.add(sequenceOf(height, plan.siblingLeafIndex));
    if (plan.interiorOffsets.length > 0) treeHeights.add(height);
  }
  const { siblingTxIds, packedTrees } =
    siblingSequences.size === 0 && treeHeights.size === 0
      ? { siblingTxIds: new Map<number, string>(), packedTrees: new Map<number, Uint8Array>() }
      : await readPieces([...siblingSequences], [...treeHeights]);
  const receipts = new Map<string, StoredReceipt>();
  for (const [index, plan] of plans.entries()) {
    const item = recorded[index]!;
    const { height } = item.block.header;
    const packed = packedTrees.get(height);
    const interiorHashes = plan.interiorOffsets.flatMap((offset) => {
      const hash = packed?.subarray(offset, offset + 32);
      // A tree not stored gives no hashes, a slice past its end a short one: pathFromStored asserts against both.
      return hash === undefined ? [] : [hash];
    });
    const siblingTxId =
      plan.siblingLeafIndex === null ? null : (siblingTxIds.get(sequenceOf(height, plan.siblingLeafIndex)) ?? null);
    receipts.set(item.txId, { ...item, path: pathFromStored(plan, siblingTxId, interiorHashes) });
  }
  return receipts;
}

/**
 * Every leaf's audit path of a block from its txIds and its stored levels: one hash per leaf, none per interior
 * node (the export's receipts). `packed` is undefined for a block whose tree has no interior level.
 */
export function pathsFromStored(txIds: readonly string[], packed: Uint8Array | undefined): Uint8Array[][] {
  if (txIds.length === 0) return [];
  // Buffer decodes hex natively: an export's leaves may be a million conversions.
  const leaves = txIds.map((txId) => Buffer.from(txId, "hex"));
  const stored = packed ?? new Uint8Array(0);
  // Only a database changed behind the node's back has levels that do not fit its transactions; its receipts
  // then carry the paths of the tree those transactions make, and the verifier names whatever does not hold.
  if (stored.length !== packedInteriorBytes(txIds.length)) return pathsOfTree(merkleTree(leaves));
  return pathsOfTree(treeFromPacked(leaves.map(hashLeaf), stored));
}

/**
 * Why a block's stored tree is not the tree its stored txIds make (its packed interior levels recomputed), or
 * null when it is, or when none is stored. Receipts read their paths from the stored levels, so a changed byte
 * there is a bad block, even though the block itself still verifies.
 */
export function storedTreeProblem({ transactions }: AuditBlock, packed: Uint8Array | undefined): string | null {
  if (packed === undefined) return null;
  // A txId that is not one leaves the block to the auditor, which names it more precisely.
  if (!transactions.every(({ txId }) => hex64Pattern.test(txId))) return null;
  const expected = packInteriorLevels(merkleTree(transactions.map(({ txId }) => Buffer.from(txId, "hex"))));
  if (Buffer.from(expected).equals(Buffer.from(packed))) return null;
  return "its stored Merkle tree is not the tree of its transactions' txIds";
}
