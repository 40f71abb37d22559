// The SQLite store's reads of stored Merkle trees (stored-trees.ts says what is kept): a receipt's row, block and
// audit path by txId, the packed levels an export reads, and the trees preparing the node fills in.
/* eslint-disable @typescript-eslint/require-await -- the async methods implement LedgerReader over a synchronous driver */
import type Database from "better-sqlite3";
import { assert } from "../ledger/errors";
import { hex64Pattern } from "../ledger/hex";
import type { StoredReceipt } from "./ledger-store";
import {
  blockFromRow,
  columnOfHex,
  hexOfColumn,
  sequenceOf,
  signedTransactionFromRow,
  type BlockRow,
  type TransactionRow,
} from "./rows";
import {
  missingTreesPerRun,
  packedTreeOf,
  pathFromStored,
  storedPathPlan,
  storedReceiptsOf,
  treeOfStoredBlock,
} from "./stored-trees";

/** Integer columns read as bigint, so that an amount past 2^53 stays exact. */
type ExactTransactionRow = Omit<TransactionRow, "blockHeight" | "leafIndex"> & {
  blockHeight: bigint;
  leafIndex: bigint;
};

export class SqliteTreeReads {
  private readonly statements;

  constructor(database: Database.Database) {
    this.statements = {
      packedTrees: database.prepare(
        `SELECT "height", "interiorLevels" FROM "BlockTree" WHERE "height" >= ? AND "height" < ?`,
      ),
      transactionById: database.prepare(`SELECT * FROM "Transaction" WHERE "txId" = ?`).safeIntegers(true),
      blockAt: database.prepare(`SELECT * FROM "Block" WHERE "height" = ?`),
      txIdAt: database.prepare(`SELECT "txId" FROM "Transaction" WHERE "sequence" = ?`).pluck(),
      // One stored hash per offset (a JSON array of byte offsets), in the order the offsets were given.
      interiorHashes: database
        .prepare(
          `SELECT substr(t."interiorLevels", j."value" + 1, 32) FROM "BlockTree" t, json_each(?) j
           WHERE t."height" = ? ORDER BY j."key"`,
        )
        .pluck(),
      // The bulk reads of storedReceipts: each takes its keys as one JSON array, so one statement serves any count
      // (the txIds as hex, which JSON can carry, made bytes by unhex for the index).
      transactionsByIds: database
        .prepare(`SELECT * FROM "Transaction" WHERE "txId" IN (SELECT unhex("value") FROM json_each(?))`)
        .safeIntegers(true),
      blocksAt: database.prepare(`SELECT * FROM "Block" WHERE "height" IN (SELECT "value" FROM json_each(?))`),
      txIdsAt: database.prepare(
        `SELECT "sequence", "txId" FROM "Transaction" WHERE "sequence" IN (SELECT "value" FROM json_each(?))`,
      ),
      treesAt: database.prepare(
        `SELECT "height", "interiorLevels" FROM "BlockTree" WHERE "height" IN (SELECT "value" FROM json_each(?))`,
      ),
    };
  }

  async packedTreesOf(fromHeight: number, endHeight: number): Promise<Map<number, Uint8Array>> {
    const rows = this.statements.packedTrees.all(fromHeight, endHeight) as { height: number; interiorLevels: Buffer }[];
    return new Map(rows.map((row) => [row.height, row.interiorLevels]));
  }

  /** Synchronous reads one after another: no commit comes between them, so they see one state of the chain. */
  async storedReceipt(txId: string): Promise<StoredReceipt | null> {
    // No stored txId is anything but 32 bytes: a malformed one finds nothing, as a missing one does.
    if (!hex64Pattern.test(txId)) return null;
    const row = this.statements.transactionById.get(columnOfHex(txId)) as ExactTransactionRow | undefined;
    if (row === undefined) return null;
    const height = Number(row.blockHeight);
    const leafIndex = Number(row.leafIndex);
    const blockRow = this.statements.blockAt.get(height) as BlockRow | undefined;
    assert(blockRow !== undefined, "a recorded transaction's block is stored");
    const block = blockFromRow(blockRow);
    const plan = storedPathPlan(leafIndex, block.header.txCount);
    const sibling =
      plan.siblingLeafIndex === null
        ? undefined
        : (this.statements.txIdAt.get(sequenceOf(height, plan.siblingLeafIndex)) as Uint8Array | undefined);
    const interiorHashes =
      plan.interiorOffsets.length === 0
        ? []
        : (this.statements.interiorHashes.all(JSON.stringify(plan.interiorOffsets), height) as Buffer[]);
    return {
      txId,
      signed: signedTransactionFromRow(row, block.header.chainId),
      block,
      leafIndex,
      path: pathFromStored(plan, sibling === undefined ? null : hexOfColumn(sibling), interiorHashes),
    };
  }

  /** Four statements for any number of txIds; a sealed block never changes, so reads one after another agree. */
  async storedReceipts(txIds: readonly string[]): Promise<Map<string, StoredReceipt>> {
    const wellFormed = txIds.filter((txId) => hex64Pattern.test(txId));
    if (wellFormed.length === 0) return new Map();
    const rows = this.statements.transactionsByIds.all(JSON.stringify(wellFormed)) as ExactTransactionRow[];
    if (rows.length === 0) return new Map();
    const heights = [...new Set(rows.map((row) => Number(row.blockHeight)))];
    const blocks = new Map(
      (this.statements.blocksAt.all(JSON.stringify(heights)) as BlockRow[]).map((row) => [
        row.height,
        blockFromRow(row),
      ]),
    );
    const recorded = rows.map((row) => {
      const block = blocks.get(Number(row.blockHeight));
      assert(block !== undefined, "a recorded transaction's block is stored");
      return {
        txId: hexOfColumn(row.txId),
        signed: signedTransactionFromRow(row, block.header.chainId),
        block,
        leafIndex: Number(row.leafIndex),
      };
    });
    return storedReceiptsOf(recorded, async (siblingSequences, treeHeights) => {
      const siblings = this.statements.txIdsAt.all(JSON.stringify(siblingSequences)) as {
        sequence: number;
        txId: Uint8Array;
      }[];
      const trees = this.statements.treesAt.all(JSON.stringify(treeHeights)) as {
        height: number;
        interiorLevels: Buffer;
      }[];
      return {
        siblingTxIds: new Map(siblings.map((row) => [row.sequence, hexOfColumn(row.txId)])),
        packedTrees: new Map(trees.map((row) => [row.height, row.interiorLevels])),
      };
    });
  }
}

/** Stores the tree of every block that lacks one, a run of blocks per IMMEDIATE transaction; returns how many. */
export function storeMissingSqliteTrees(database: Database.Database, insertTree: Database.Statement): number {
  const blocksWithoutTree = database.prepare(
    `SELECT b.* FROM "Block" b LEFT JOIN "BlockTree" t ON t."height" = b."height"
     WHERE b."txCount" > 2 AND t."height" IS NULL ORDER BY b."height" LIMIT ?`,
  );
  const txIdsOfBlock = database
    .prepare(`SELECT "txId" FROM "Transaction" WHERE "sequence" >= ? AND "sequence" < ? ORDER BY "sequence"`)
    .pluck();
  const storeRun = database.transaction((): number => {
    const rows = blocksWithoutTree.all(missingTreesPerRun) as BlockRow[];
    for (const row of rows) {
      const txIds = txIdsOfBlock.all(sequenceOf(row.height, 0), sequenceOf(row.height + 1, 0)) as Uint8Array[];
      const packed = packedTreeOf(treeOfStoredBlock(blockFromRow(row), txIds.map(hexOfColumn)));
      assert(packed !== null, "a block of more than two transactions has interior levels");
      insertTree.run(row.height, packed);
    }
    return rows.length;
  });
  let stored = 0;
  for (let count = storeRun.immediate(); count > 0; count = storeRun.immediate()) stored += count;
  return stored;
}
