// What an export reads from its snapshot, and in what order: the heights it covers, and the blocks with their
// transactions (and for proofs, every txId of those blocks and their stored tree levels), a run at a time.
import "server-only";
import type { AuditTransaction } from "../../ledger/audit";
import { assert, LedgerError } from "../../ledger/errors";
import type { SignedBlock } from "../../ledger/types";
import type { LedgerReader } from "../../db/ledger-store";

// Blocks read from the database at once where heights run on: with their transactions, and headers alone.
const blocksPerRead = 16;
const headersPerRead = 1000;

/**
 * A block as an export holds it: its transactions in the export, every txId of the block in leaf order, and the
 * block's stored tree levels (none for a block of one or two transactions), from which the paths are read.
 */
export type ExportBlock = {
  block: SignedBlock;
  transactions: AuditTransaction[];
  leaves: string[];
  packed?: Uint8Array;
};

export type ExportPlan = {
  store: LedgerReader;
  /** Ascending heights of every block the export covers. */
  heights: readonly number[];
  /** Reads the blocks at `count` consecutive heights from `height`. */
  readRun: (height: number, count: number) => Promise<ExportBlock[]>;
  /** Fields beside the common ones: the account and its balance, or the block range. */
  fields: { account: string; balance: string } | { from: number; to: number };
};

/**
 * An account's statement reads, a run of blocks at a time, only the account's own transactions (through the
 * two account indexes) and, for proofs, the bare txIds of those blocks: an account in every block of a
 * million-transaction chain then costs a hundred thousand full rows, not a million.
 */
export async function planAccount(store: LedgerReader, account: string, needsLeaves: boolean): Promise<ExportPlan> {
  const [heights, balanceMinor] = await Promise.all([store.accountBlockHeights(account), store.balanceOf(account)]);
  const readRun = async (height: number, count: number): Promise<ExportBlock[]> => {
    const [blocks, transactions, leaves, trees] = await Promise.all([
      store.blocksFrom(height, count),
      store.accountTransactions(account, height, height + count),
      needsLeaves ? store.txIdsOfBlocks(height, height + count) : [],
      needsLeaves ? store.packedTreesOf(height, height + count) : new Map<number, Uint8Array>(),
    ]);
    const byHeight = new Map(
      blocks.map((block): [number, ExportBlock] => [
        block.header.height,
        { block, transactions: [], leaves: [], packed: trees.get(block.header.height) },
      ]),
    );
    for (const { blockHeight, ...item } of transactions) byHeight.get(blockHeight)!.transactions.push(item);
    for (const { blockHeight, txId } of leaves) byHeight.get(blockHeight)!.leaves.push(txId);
    return [...byHeight.values()];
  };
  return { store, heights, readRun, fields: { account, balance: balanceMinor.toString() } };
}

export function planBlocks(store: LedgerReader, from: number, to: number, headHeight: number): ExportPlan {
  if (to > headHeight) {
    throw new LedgerError("invalid_request", `to: must be at most the head's height, ${headHeight}`, "to");
  }
  const readRun = async (height: number, count: number): Promise<ExportBlock[]> => {
    const [run, trees] = await Promise.all([
      store.blocksWithTransactions(height, count),
      store.packedTreesOf(height, height + count),
    ]);
    return run.map(({ block, transactions }) => ({
      block,
      transactions,
      leaves: transactions.map((item) => item.txId),
      packed: trees.get(block.header.height),
    }));
  };
  return {
    store,
    heights: Array.from({ length: to - from + 1 }, (_, index) => from + index),
    readRun,
    fields: { from, to },
  };
}

/** The blocks of the plan with their transactions, ascending, read a few at a time where heights run on. */
export async function* blocksOf(plan: ExportPlan): AsyncGenerator<ExportBlock> {
  const { heights } = plan;
  for (let index = 0; index < heights.length;) {
    let count = 1;
    while (count < blocksPerRead && heights[index + count] === heights[index]! + count) count += 1;
    const run = await plan.readRun(heights[index]!, count);
    assert(run.length === count, "every block an export covers exists in the snapshot");
    for (const [offset, item] of run.entries()) {
      assert(item.block.header.height === heights[index + offset], "blocks are read at the heights planned");
      yield item;
    }
    index += count;
  }
}

export async function* headersOf(plan: ExportPlan): AsyncGenerator<SignedBlock> {
  const { heights, store } = plan;
  for (let index = 0; index < heights.length;) {
    let count = 1;
    while (count < headersPerRead && heights[index + count] === heights[index]! + count) count += 1;
    const run = await store.blocksFrom(heights[index]!, count);
    assert(run.length === count, "every block an export covers exists in the snapshot");
    yield* run;
    index += count;
  }
}
