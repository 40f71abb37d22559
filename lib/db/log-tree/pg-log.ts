// The PostgreSQL store's writes of the log tree (log-reads.ts says what is kept). Every write runs on a client
// that holds the chain's advisory lock (pg-store.ts `underSealLock`), so the log's last leaf cannot move under
// it: the seal reads the log's frontier with its other state in one round trip (`sealLogStateSql`) and writes
// the block's nodes in the block's own statement; the rest reads the frontier here.
import { assert } from "../../ledger/errors";
import { appendLeaves, frontierPositions, type LogNode } from "../../ledger/log/tree";
import type { Queryable } from "../pg-trees";

/** How many blocks one transaction of `storeMissingLogNodes` adds to the log. */
export const missingLogNodesPerRun = 4096;

/**
 * The log's size and its frontier for a log as long as the chain (the perfect subtree at level l, for each bit
 * l set in the size n = head height + 1, is node (l, (n >> l) − 1)), largest first: two columns for the seal's
 * state statement. Heights are 32-bit, so 32 levels cover every size.
 */
export const sealLogStateSql = `(SELECT max("index") + 1 FROM "LogTreeNode" WHERE "level" = 0) AS "logSize",
  coalesce((SELECT array_agg(n."hash" ORDER BY n."level" DESC)
    FROM (SELECT max("height") + 1 AS "size" FROM "Block") s CROSS JOIN generate_series(0, 31) l("level")
    JOIN "LogTreeNode" n ON n."level" = l."level" AND n."index" = (s."size" >> l."level") - 1
    WHERE (s."size" >> l."level") & 1 = 1), '{}') AS "logFrontier"`;

/** What `sealLogStateSql` read. */
export type SealLogState = { logSize: number | null; logFrontier: Buffer[] };

/** The nodes as the three arrays an `unnest` insert takes. */
export function logNodeColumns(nodes: readonly LogNode[]): [number[], number[], Buffer[]] {
  return [
    nodes.map((node) => node.level),
    nodes.map((node) => node.index),
    nodes.map(({ hash }) => Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength)),
  ];
}

export const insertLogNodesSql = `INSERT INTO "LogTreeNode" ("level", "index", "hash")
  SELECT * FROM unnest($1::int[], $2::int[], $3::bytea[])`;

async function readLogSizeNow(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ lastIndex: number | null }>(
    `SELECT max("index") AS "lastIndex" FROM "LogTreeNode" WHERE "level" = 0`,
  );
  const last = rows[0]?.lastIndex ?? null;
  return last === null ? 0 : last + 1;
}

async function readFrontier(db: Queryable, size: number): Promise<Uint8Array[]> {
  const positions = frontierPositions(size);
  if (positions.length === 0) return [];
  const { rows } = await db.query<{ hashes: Buffer[] }>(
    `SELECT coalesce(array_agg(n."hash" ORDER BY u."ordinal"), '{}') AS "hashes"
     FROM unnest($1::int[], $2::int[]) WITH ORDINALITY AS u("level", "index", "ordinal")
     JOIN "LogTreeNode" n ON n."level" = u."level" AND n."index" = u."index"`,
    [positions.map((position) => position.level), positions.map((position) => position.index)],
  );
  const hashes = rows[0]!.hashes;
  assert(hashes.length === positions.length, "the log's frontier is stored");
  return hashes;
}

/** Adds up to `count` stored blocks from height `size` on, in one statement each way; returns how many. */
export async function appendStoredBlocks(db: Queryable, size: number, count: number): Promise<number> {
  const { rows } = await db.query<{ hash: Uint8Array }>(
    `SELECT "hash" FROM "Block" WHERE "height" >= $1 AND "height" < $2 ORDER BY "height"`,
    [size, size + count],
  );
  if (rows.length === 0) return 0;
  const { nodes } = appendLeaves(
    size,
    await readFrontier(db, size),
    rows.map((row) => row.hash),
  );
  await db.query(insertLogNodesSql, logNodeColumns(nodes));
  return rows.length;
}

/**
 * The frontier of the log of `size` leaves, the chain's length, for the next block's nodes: from the seal's
 * state when it has it, else read. Blocks stored without their nodes (a chain older than the log, not yet
 * prepared) are added first, so the log never skips a block.
 */
export async function frontierForAppend(db: Queryable, size: number, state?: SealLogState): Promise<Uint8Array[]> {
  if (state !== undefined && (state.logSize ?? 0) === size) {
    assert(state.logFrontier.length === frontierPositions(size).length, "the log's frontier is stored");
    return state.logFrontier;
  }
  const logSize = await readLogSizeNow(db);
  if (logSize < size) await appendStoredBlocks(db, logSize, size - logSize);
  assert((await readLogSizeNow(db)) === size, "the log holds every block below the one appended");
  return readFrontier(db, size);
}

/** One run of `storeMissingLogNodes` on a client holding the chain's lock: how many blocks it added. */
export async function storeMissingLogRun(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ headHeight: number | null }>(`SELECT max("height") AS "headHeight" FROM "Block"`);
  const head = rows[0]?.headHeight ?? null;
  const size = await readLogSizeNow(db);
  if (head === null || size > head) return 0;
  return appendStoredBlocks(db, size, Math.min(missingLogNodesPerRun, head + 1 - size));
}
