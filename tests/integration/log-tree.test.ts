// The chain's log tree as the database keeps it (PROTOCOL.md v2 "The log"): blocks sealed through the real node
// write their log nodes in their own transaction, and the store's roots, inclusion paths and consistency proofs
// equal the RFC 9162 ones computed in memory over the block hashes, for many sizes. A chain stored before the
// log (its nodes deleted, whole or in part) gets them when the node is prepared, or at the next seal; a
// follower's appendVerified stores them too; each read is two statements of O(log n) rows by primary key; and
// the node's audit names a block whose stored log node was changed.
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import * as auditRoute from "@/app/api/admin/audit/route";
import * as faucetRoute from "@/app/api/faucet/route";
import type { LedgerStore } from "@/lib/db/ledger-store";
import { logNodesParameters, logNodesSql, logSizeSql } from "@/lib/db/log-tree/log-reads";
import { openStore } from "@/lib/db/open-store";
import { bytesToHex, hexToBytes } from "@/lib/ledger/hex";
import { consistencyProof, verifyConsistency } from "@/lib/ledger/log/tree";
import { merkleTreeHash, verifyInclusion } from "@/lib/ledger/merkle";
import type { LedgerNode } from "@/lib/server/node/context";
import { freshDatabaseUrl, rawQuery, testDatabaseKind } from "../support/database";
import { adminToken, call, makeDataDir, startTestNode } from "../support/node";
import { makeWallet } from "../support/wallet";

const blocksSealed = 40;

let node: LedgerNode;
let databaseUrl: string;

async function sealOneBlock(): Promise<void> {
  const response = await call(faucetRoute.POST, { body: { account: makeWallet().publicKey } });
  expect(response.status).toBe(201);
}

/** The chain's block hashes in height order, the log's leaves, read as blocks. */
async function blockHashes(store: LedgerStore): Promise<Uint8Array[]> {
  const head = await store.head();
  const blocks = await store.blocksFrom(0, head!.header.height + 1);
  return blocks.map((block) => hexToBytes(block.hash));
}

/** Every stored log node, as "level/index hash" lines in order: what a database holds of the log. */
async function storedNodes(url: string): Promise<string[]> {
  const rows = await rawQuery<{ level: number | bigint; index: number | bigint; hash: Uint8Array }>(
    url,
    `SELECT "level", "index", "hash" FROM "LogTreeNode" ORDER BY "level", "index"`,
  );
  return rows.map((row) => `${Number(row.level)}/${Number(row.index)} ${Buffer.from(row.hash).toString("hex")}`);
}

/** Root, a spread of inclusion paths and consistency proofs of the store against the in-memory log. */
async function expectLogMatches(store: LedgerStore, leaves: readonly Uint8Array[]): Promise<void> {
  expect(await store.logSize()).toBe(leaves.length);
  const sizes = [1, 2, 3, 4, 5, 7, 8, 9, 16, 17, leaves.length - 1, leaves.length].filter(
    (size) => size >= 1 && size <= leaves.length,
  );
  for (const size of sizes) {
    const root = merkleTreeHash(leaves.slice(0, size));
    expect(bytesToHex(await store.logRoot(size))).toBe(bytesToHex(root));
    for (const height of new Set([0, Math.floor(size / 2), size - 1])) {
      const path = await store.logInclusionPath(height, size);
      expect(verifyInclusion(leaves[height]!, height, size, path, root)).toBe(true);
    }
    for (const fromSize of sizes.filter((from) => from <= size)) {
      const proof = await store.logConsistencyPath(fromSize, size);
      expect(proof.map(bytesToHex)).toEqual(consistencyProof(leaves.slice(0, size), fromSize).map(bytesToHex));
      const fromRoot = merkleTreeHash(leaves.slice(0, fromSize));
      expect(verifyConsistency(fromSize, size, fromRoot, root, proof)).toBe(true);
    }
  }
}

beforeAll(async () => {
  node = await startTestNode("log_tree", { FAUCET_AMOUNT: "1000" });
  databaseUrl = process.env.DATABASE_URL!;
  for (let count = 0; count < blocksSealed; count++) await sealOneBlock();
}, 300_000);

describe("the log tree of sealed blocks", () => {
  it("holds every block, genesis first, and answers as the RFC 9162 tree of the block hashes", async () => {
    const leaves = await blockHashes(node.store);
    expect(leaves.length).toBe(blocksSealed + 1);
    await expectLogMatches(node.store, leaves);
    // Every (m, n) over the first 20 sizes, each checked against the in-memory proof.
    for (let size = 1; size <= 20; size++) {
      for (let fromSize = 1; fromSize <= size; fromSize++) {
        const proof = await node.store.logConsistencyPath(fromSize, size);
        expect(proof.map(bytesToHex)).toEqual(consistencyProof(leaves.slice(0, size), fromSize).map(bytesToHex));
      }
    }
  });

  it("refuses sizes and heights outside the log with a RangeError", async () => {
    const size = await node.store.logSize();
    await expect(node.store.logRoot(0)).rejects.toThrow(RangeError);
    await expect(node.store.logRoot(size + 1)).rejects.toThrow(RangeError);
    await expect(node.store.logRoot(1.5)).rejects.toThrow(RangeError);
    await expect(node.store.logInclusionPath(size, size)).rejects.toThrow(RangeError);
    await expect(node.store.logInclusionPath(0, size + 1)).rejects.toThrow(RangeError);
    await expect(node.store.logInclusionPath(-1, size)).rejects.toThrow(RangeError);
    await expect(node.store.logConsistencyPath(0, size)).rejects.toThrow(RangeError);
    await expect(node.store.logConsistencyPath(3, 2)).rejects.toThrow(RangeError);
    await expect(node.store.logConsistencyPath(1, size + 1)).rejects.toThrow(RangeError);
  });

  it("reads each proof in two statements of O(log n) rows", async () => {
    const store = node.store as unknown as {
      rows: (sql: string, parameters: readonly unknown[]) => Promise<unknown[]>;
    };
    const original = store.rows.bind(store);
    const reads: number[] = [];
    // Only the log's statements count: the node's background loops (the webhook outbox's poll) read through the
    // same store, and one of their rounds may fall inside a proof's read.
    store.rows = async (sql, parameters) => {
      const rows = await original(sql, parameters);
      if (sql.includes(`FROM "LogTreeNode"`)) reads.push(rows.length);
      return rows;
    };
    try {
      const size = await node.store.logSize();
      reads.length = 0;
      await node.store.logConsistencyPath(13, size);
      expect(reads.length).toBe(2);
      // log2(41) < 6: at most two perfect subtrees per level for a consistency proof, and one row for the size.
      expect(reads[1]).toBeLessThanOrEqual(2 * 6);
      reads.length = 0;
      await node.store.logInclusionPath(22, size);
      expect(reads.length).toBe(2);
      expect(reads[1]).toBeLessThanOrEqual(2 * 6);
    } finally {
      store.rows = original;
    }
  });

  it("seeks each node and the size by primary key (the query plan)", async () => {
    const positions = [
      { level: 2, index: 0 },
      { level: 0, index: 6 },
    ];
    const nodesPlan = await queryPlan(logNodesSql(positions.length), logNodesParameters(positions));
    const sizePlan = await queryPlan(logSizeSql, []);
    if (testDatabaseKind() === "sqlite") {
      for (const plan of [nodesPlan, sizePlan]) {
        expect(plan).toMatch(/SEARCH .*LogTreeNode USING .*(PRIMARY KEY|INDEX sqlite_autoindex_LogTreeNode)/);
        expect(plan).not.toMatch(/SCAN .*LogTreeNode/);
      }
    } else {
      for (const plan of [nodesPlan, sizePlan]) {
        expect(plan).toContain("LogTreeNode_pkey");
        expect(plan).not.toContain("Seq Scan");
      }
    }
  });
});

/**
 * The query plan of one statement, as text. PostgreSQL's planner reads this small table whole whatever its
 * indexes, so sequential scans are turned off for the EXPLAIN: the plan then shows whether the key can answer it.
 */
async function queryPlan(sql: string, parameters: readonly number[]): Promise<string> {
  if (testDatabaseKind() === "sqlite") {
    const rows = await rawQuery<{ detail: string }>(databaseUrl, `EXPLAIN QUERY PLAN ${sql}`, [...parameters]);
    return rows.map((row) => row.detail).join("\n");
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SET enable_seqscan = off");
    const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`, [...parameters]);
    return rows.map((row) => row["QUERY PLAN"]).join("\n");
  } finally {
    await client.end();
  }
}

describe("a chain stored before the log", () => {
  it("gets its nodes when the node is prepared, a run of blocks at a time", async () => {
    const before = await storedNodes(databaseUrl);
    const leaves = await blockHashes(node.store);
    await rawQuery(databaseUrl, `DELETE FROM "LogTreeNode"`);
    expect(await node.store.logSize()).toBe(0);
    const reopened = await openStore(databaseUrl, { migrate: true, serve: false });
    try {
      expect(await reopened.logSize()).toBe(leaves.length);
      expect(await storedNodes(databaseUrl)).toEqual(before);
      await expectLogMatches(reopened, leaves);
      expect(await reopened.storeMissingLogNodes()).toBe(0);
    } finally {
      await reopened.close();
    }
  });

  it("fills a log cut short from where it stops", async () => {
    const before = await storedNodes(databaseUrl);
    // The nodes of every leaf from 23 on, as if those blocks had been sealed before the migration.
    await rawQuery(databaseUrl, `DELETE FROM "LogTreeNode" WHERE ("index" + 1) * (1 << "level") > 23`);
    expect(await node.store.logSize()).toBe(23);
    expect(await node.store.storeMissingLogNodes()).toBe(blocksSealed + 1 - 23);
    expect(await storedNodes(databaseUrl)).toEqual(before);
  });

  it("catches up inside the next seal's transaction when nobody prepared it", async () => {
    await rawQuery(databaseUrl, `DELETE FROM "LogTreeNode" WHERE ("index" + 1) * (1 << "level") > 30`);
    await sealOneBlock();
    const leaves = await blockHashes(node.store);
    expect(leaves.length).toBe(blocksSealed + 2);
    await expectLogMatches(node.store, leaves);
  });
});

describe("a follower's appendVerified", () => {
  it("stores the same log nodes as the node it follows", async () => {
    const followerUrl = await freshDatabaseUrl(makeDataDir("log-tree-follower"), "log_tree_follower");
    const follower = await openStore(followerUrl, { migrate: true, serve: false });
    try {
      const head = (await node.store.head())!.header.height;
      // Two runs, as a follower fetches them: the second builds on the frontier the first left.
      for (const [from, count] of [
        [0, 17],
        [17, head + 1 - 17],
      ] as const) {
        const run = await node.store.blocksWithTransactions(from, count);
        const accounts = new Set(run.flatMap((item) => item.transactions.flatMap(({ tx }) => [tx.from, tx.to])));
        const balances = new Map<string, bigint>();
        for (const account of accounts) balances.set(account, await node.store.balanceOf(account));
        await follower.appendVerified(run, balances);
      }
      expect(await storedNodes(followerUrl)).toEqual(await storedNodes(databaseUrl));
      await expectLogMatches(follower, await blockHashes(node.store));
    } finally {
      await follower.close();
    }
  });
});

describe("the audit of the stored log tree", () => {
  async function audit() {
    const response = await call(auditRoute.GET, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(response.status).toBe(200);
    return response.body as { ok: boolean; firstBad: { height: number; reason: string } | null };
  }

  /** Log nodes are never rewritten (a trigger refuses an UPDATE), so a changed one is deleted and added again. */
  async function replaceNode(level: number, index: number, hash: Uint8Array | null): Promise<void> {
    await rawQuery(databaseUrl, `DELETE FROM "LogTreeNode" WHERE "level" = $1 AND "index" = $2`, [level, index]);
    if (hash === null) return;
    await rawQuery(databaseUrl, `INSERT INTO "LogTreeNode" ("level", "index", "hash") VALUES ($1, $2, $3)`, [
      level,
      index,
      Buffer.from(hash),
    ]);
  }

  it("names the block whose log node changed or went missing, and passes again once it is restored", async () => {
    expect(await audit()).toMatchObject({ ok: true, firstBad: null });
    // Node (1, 3) covers leaves 6 and 7: block 7 completes it.
    const [row] = await rawQuery<{ hash: Uint8Array }>(
      databaseUrl,
      `SELECT "hash" FROM "LogTreeNode" WHERE "level" = 1 AND "index" = 3`,
    );
    const stored = Buffer.from(row!.hash);
    const changed = Buffer.from(stored);
    changed[5]! ^= 0x10;
    try {
      await replaceNode(1, 3, changed);
      expect(await audit()).toMatchObject({
        ok: false,
        firstBad: { height: 7, reason: "its log tree node at level 1, index 3 is not the tree of the block hashes" },
      });
      await replaceNode(1, 3, null);
      expect(await audit()).toMatchObject({
        ok: false,
        firstBad: { height: 7, reason: "its log tree node at level 1, index 3 is not stored" },
      });
    } finally {
      await replaceNode(1, 3, stored);
    }
    expect(await audit()).toMatchObject({ ok: true, firstBad: null });
  });
});
