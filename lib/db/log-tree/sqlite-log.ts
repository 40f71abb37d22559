// The SQLite store's writes of the log tree (log-reads.ts says what is kept): the nodes each block completes,
// written in the block's own transaction, and the nodes of blocks stored before the log was, filled in a run of
// blocks per transaction. better-sqlite3 is synchronous, so every method runs inside the caller's transaction.
import type Database from "better-sqlite3";
import { assert } from "../../ledger/errors";
import { hexToBytes } from "../../ledger/hex";
import { appendLeaves, frontierPositions, positionKey, type LogNode } from "../../ledger/log/tree";

/** How many blocks one transaction of `storeMissingLogNodes` adds to the log. */
export const missingLogNodesPerRun = 4096;

export class SqliteLogWriter {
  private readonly statements;

  constructor(database: Database.Database) {
    this.statements = {
      lastLeaf: database.prepare(`SELECT max("index") FROM "LogTreeNode" WHERE "level" = 0`).pluck(),
      // The positions as one JSON array of [level, index] pairs, each sought by primary key.
      nodesAt: database.prepare(
        `SELECT "level", "index", "hash" FROM "LogTreeNode" WHERE ("level", "index") IN
         (SELECT json_extract(j."value", '$[0]'), json_extract(j."value", '$[1]') FROM json_each(?) j)`,
      ),
      insert: database.prepare(`INSERT INTO "LogTreeNode" ("level", "index", "hash") VALUES (?, ?, ?)`),
      blockHashes: database
        .prepare(`SELECT "hash" FROM "Block" WHERE "height" >= ? AND "height" < ? ORDER BY "height"`)
        .pluck(),
    };
  }

  /** The number of leaves the log holds now. */
  logSize(): number {
    const last = this.statements.lastLeaf.get() as number | null;
    return last === null ? 0 : last + 1;
  }

  /**
   * Adds the block at `height` (hex `hash`) to the log, inside the transaction that inserts it. Blocks stored
   * without their nodes (a chain older than the log, not yet prepared) are added first, so the log never skips.
   */
  appendBlock(height: number, hash: string): void {
    let size = this.logSize();
    if (size < height) size += this.appendStoredBlocks(size, height - size);
    assert(size === height, "the log holds every block below the one appended");
    this.appendHashes(size, [hexToBytes(hash)]);
  }

  /** Adds up to `count` stored blocks from height `size` on; returns how many it added. */
  appendStoredBlocks(size: number, count: number): number {
    // The stored hashes are their bytes (compact storage).
    const hashes = this.statements.blockHashes.all(size, size + count) as Uint8Array[];
    this.appendHashes(size, hashes);
    return hashes.length;
  }

  private appendHashes(size: number, blockHashes: readonly Uint8Array[]): void {
    if (blockHashes.length === 0) return;
    const { nodes } = appendLeaves(size, this.frontier(size), blockHashes);
    this.insertNodes(nodes);
  }

  private frontier(size: number): Uint8Array[] {
    const positions = frontierPositions(size);
    if (positions.length === 0) return [];
    const pairs = JSON.stringify(positions.map(({ level, index }) => [level, index]));
    const rows = this.statements.nodesAt.all(pairs) as { level: number; index: number; hash: Buffer }[];
    const byPosition = new Map(rows.map((row) => [positionKey(row), row.hash]));
    return positions.map((position) => {
      const hash = byPosition.get(positionKey(position));
      assert(hash !== undefined, "the log's frontier is stored");
      return hash;
    });
  }

  private insertNodes(nodes: readonly LogNode[]): void {
    for (const { level, index, hash } of nodes) {
      this.statements.insert.run(level, index, Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength));
    }
  }
}

/** Adds every stored block missing from the log, a run of blocks per IMMEDIATE transaction; returns how many. */
export function storeMissingSqliteLogNodes(database: Database.Database, writer: SqliteLogWriter): number {
  const headHeight = database.prepare(`SELECT max("height") FROM "Block"`).pluck();
  const storeRun = database.transaction((): number => {
    const head = headHeight.get() as number | null;
    const size = writer.logSize();
    if (head === null || size > head) return 0;
    return writer.appendStoredBlocks(size, Math.min(missingLogNodesPerRun, head + 1 - size));
  });
  let stored = 0;
  for (let count = storeRun.immediate(); count > 0; count = storeRun.immediate()) stored += count;
  return stored;
}
