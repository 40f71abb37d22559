// The PostgreSQL store's reads of stored Merkle trees (stored-trees.ts says what is kept): a receipt's row, block
// and audit path by txId in two round trips, the packed levels an export reads, and the trees preparing the node
// fills in.
import type pg from "pg";
import { assert } from "../ledger/errors";
import { hex64Pattern } from "../ledger/hex";
import { blockTransactionsMax } from "../ledger/limits";
import type { StoredReceipt } from "./ledger-store";
import {
  blockFromPgJson,
  blockFromRow,
  columnOfHex,
  hexOfColumn,
  sequenceOf,
  signedTransactionFromRow,
  type BlockRow,
  type PgJsonBlockRow,
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

export type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

export async function readPackedTrees(
  db: Queryable,
  fromHeight: number,
  endHeight: number,
): Promise<Map<number, Uint8Array>> {
  const { rows } = await db.query<{ height: number; interiorLevels: Buffer }>(
    `SELECT "height", "interiorLevels" FROM "BlockTree" WHERE "height" >= $1 AND "height" < $2`,
    [fromHeight, endHeight],
  );
  return new Map(rows.map((row) => [row.height, row.interiorLevels]));
}

/** The stored pieces of one audit path, in one round trip: the sibling leaf's txId and one hash per offset. */
const storedPathSql = `SELECT
  (SELECT "txId" FROM "Transaction" WHERE "sequence" = $1) AS "siblingTxId",
  coalesce((SELECT array_agg(substring(t."interiorLevels" from u."offset" + 1 for 32) ORDER BY u."ordinal")
    FROM "BlockTree" t, unnest($3::int[]) WITH ORDINALITY AS u("offset", "ordinal") WHERE t."height" = $2), '{}') AS "interiorHashes"`;

/** A sealed block and its transactions never change, so the two reads need no snapshot to agree. */
export async function readStoredReceipt(db: Queryable, txId: string): Promise<StoredReceipt | null> {
  // No stored txId is anything but 32 bytes: a malformed one finds nothing, as a missing one does.
  if (!hex64Pattern.test(txId)) return null;
  const { rows } = await db.query<TransactionRow & { block: PgJsonBlockRow }>(
    `SELECT t.*, row_to_json(b) AS "block" FROM "Transaction" t JOIN "Block" b ON b."height" = t."blockHeight"
     WHERE t."txId" = $1`,
    [columnOfHex(txId)],
  );
  const row = rows[0];
  if (row === undefined) return null;
  const block = blockFromPgJson(row.block);
  const plan = storedPathPlan(row.leafIndex, block.header.txCount);
  const stored = await db.query<{ siblingTxId: Uint8Array | null; interiorHashes: Buffer[] }>(storedPathSql, [
    plan.siblingLeafIndex === null ? -1 : sequenceOf(row.blockHeight, plan.siblingLeafIndex),
    row.blockHeight,
    plan.interiorOffsets,
  ]);
  const { siblingTxId, interiorHashes } = stored.rows[0]!;
  return {
    txId,
    signed: signedTransactionFromRow(row, block.header.chainId),
    block,
    leafIndex: row.leafIndex,
    path: pathFromStored(plan, siblingTxId === null ? null : hexOfColumn(siblingTxId), interiorHashes),
  };
}

/** `readStoredReceipt` for many txIds in three round trips in all, however many there are. */
export async function readStoredReceipts(db: Queryable, txIds: readonly string[]): Promise<Map<string, StoredReceipt>> {
  const wellFormed = txIds.filter((txId) => hex64Pattern.test(txId));
  if (wellFormed.length === 0) return new Map();
  const { rows } = await db.query<TransactionRow & { block: PgJsonBlockRow }>(
    `SELECT t.*, row_to_json(b) AS "block" FROM "Transaction" t JOIN "Block" b ON b."height" = t."blockHeight"
     WHERE t."txId" = ANY($1::bytea[])`,
    [wellFormed.map(columnOfHex)],
  );
  const recorded = rows.map((row) => {
    const block = blockFromPgJson(row.block);
    return {
      txId: hexOfColumn(row.txId),
      signed: signedTransactionFromRow(row, block.header.chainId),
      block,
      leafIndex: row.leafIndex,
    };
  });
  return storedReceiptsOf(recorded, async (siblingSequences, treeHeights) => {
    // Two statements on one pool: they may run on different connections, which is fine for rows that never change.
    const [siblings, trees] = await Promise.all([
      db.query<{ sequence: string; txId: Uint8Array }>(
        `SELECT "sequence"::text, "txId" FROM "Transaction" WHERE "sequence" = ANY($1::bigint[])`,
        [siblingSequences],
      ),
      db.query<{ height: number; interiorLevels: Buffer }>(
        `SELECT "height", "interiorLevels" FROM "BlockTree" WHERE "height" = ANY($1::int[])`,
        [treeHeights],
      ),
    ]);
    return {
      siblingTxIds: new Map(siblings.rows.map((row) => [Number(row.sequence), hexOfColumn(row.txId)])),
      packedTrees: new Map(trees.rows.map((row) => [row.height, row.interiorLevels])),
    };
  });
}

/** Stores the tree of every block that lacks one, a run of blocks per statement; returns how many. */
export async function storeMissingPgTrees(pool: pg.Pool): Promise<number> {
  let stored = 0;
  for (;;) {
    const { rows } = await pool.query<BlockRow & { txIds: Uint8Array[] }>(
      `SELECT b.*, array(SELECT "txId" FROM "Transaction" x
         WHERE x."sequence" >= b."height"::bigint * ${blockTransactionsMax} AND x."sequence" < (b."height" + 1)::bigint * ${blockTransactionsMax}
         ORDER BY x."sequence") AS "txIds"
       FROM "Block" b LEFT JOIN "BlockTree" t ON t."height" = b."height"
       WHERE b."txCount" > 2 AND t."height" IS NULL ORDER BY b."height" LIMIT $1`,
      [missingTreesPerRun],
    );
    if (rows.length === 0) return stored;
    const packed = rows.map((row) => packedTreeOf(treeOfStoredBlock(blockFromRow(row), row.txIds.map(hexOfColumn))));
    assert(
      packed.every((levels) => levels !== null),
      "a block of more than two transactions has interior levels",
    );
    // Another process preparing the same database at once may store some of these first: theirs are equal.
    await pool.query(
      `INSERT INTO "BlockTree" ("height", "interiorLevels") SELECT * FROM unnest($1::int[], $2::bytea[])
       ON CONFLICT ("height") DO NOTHING`,
      [rows.map((row) => row.height), packed.map((levels) => Buffer.from(levels))],
    );
    stored += rows.length;
  }
}
