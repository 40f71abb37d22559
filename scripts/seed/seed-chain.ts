// The seed itself: prepares DATA_DIR (and the database DATABASE_URL names) as `npm start` would, then appends the
// mints and the payments as blocks, signing on the worker threads while the main thread writes: into a SQLite file
// many blocks per transaction (block-writer.ts), into PostgreSQL through the node's own seal (pg-block-writer.ts).
import { availableParallelism } from "node:os";
import { assert } from "../../lib/ledger/errors";
import { amountPattern } from "../../lib/ledger/limits";
import { readConfigOrExit } from "../../lib/server/node/env";
import { prepareNode } from "../../lib/server/node/prepare-node";
import { PgLedgerStore } from "../../lib/db/pg-store";
import { SqliteLedgerStore } from "../../lib/db/sqlite-store";
import { BlockWriter, sqliteSeedWriter } from "./block-writer";
import { PgBlockWriter } from "./pg-block-writer";
import { seedAmountsMinor, seedPacing } from "./limits";
import { mintsFor, newAccounts, signedBlocks } from "./payments";
import { SeedProgress } from "./progress";
import { SignerPool } from "./signer-pool";
import type { SeedTransaction, SeedWriter } from "./types";

export type SeedOptions = { payments: number; accountCount: number };

export async function seedChain({ payments, accountCount }: SeedOptions): Promise<void> {
  const progress = new SeedProgress(payments);
  const config = readConfigOrExit();
  const { store, nodeKey, genesis, newAdminPassword } = await prepareNode(config);
  assert(store instanceof SqliteLedgerStore || store instanceof PgLedgerStore, "the node's store is one of two");
  // Whichever script prepares DATA_DIR first makes the admin password, and only it can show it.
  if (newAdminPassword !== null) console.log(`seed: admin password (shown once): ${newAdminPassword}`);
  if (store instanceof SqliteLedgerStore) {
    const { database } = store;
    // A crash mid-seed may lose the last commits but never corrupts the file: WAL with synchronous=NORMAL keeps
    // every commit atomic without waiting for the disk on each one, and a seed is simply run again.
    database.pragma("synchronous = NORMAL");
    // Fewer, larger checkpoints (64 MiB of WAL each), and room in memory for the indexes being filled.
    database.pragma("wal_autocheckpoint = 16384");
    database.pragma("cache_size = -262144");
  }
  const chainId = genesis.header.chainId;
  const mintAmountMinor = BigInt(
    Math.max(seedAmountsMinor.mintMin, Math.ceil(payments / accountCount) * seedAmountsMinor.paymentMax),
  );
  assert(amountPattern.test(mintAmountMinor.toString()), "a seed mint is a protocol amount");

  const accounts = newAccounts(accountCount);
  const pool = new SignerPool(Math.max(1, availableParallelism()), chainId, accounts);
  progress.started(accountCount, config.dataDir, chainId, pool.size);
  const writer: SeedWriter =
    store instanceof SqliteLedgerStore
      ? sqliteSeedWriter(new BlockWriter(store, chainId, nodeKey))
      : new PgBlockWriter(store, nodeKey);
  await writer.start();
  const firstHeight = writer.headHeight() + 1;
  let writtenPayments = 0;
  try {
    let pending: SeedTransaction[][] = [];
    for await (const block of signedBlocks(
      mintsFor(accounts, chainId, nodeKey, mintAmountMinor),
      payments,
      accounts,
      pool,
      mintAmountMinor,
    )) {
      pending.push(block);
      if (pending.length < seedPacing.blocksPerCommit) continue;
      writtenPayments += await writer.write(pending);
      pending = [];
      progress.written(writtenPayments, writer.headHeight());
    }
    if (pending.length > 0) writtenPayments += await writer.write(pending);
  } finally {
    await pool.close();
  }
  // Leave the data directory as a server expects to find it: the WAL folded into the database file.
  if (store instanceof SqliteLedgerStore) store.database.pragma("wal_checkpoint(TRUNCATE)");
  const headHeight = writer.headHeight();
  await store.close();
  assert(writtenPayments === payments, "every planned payment was written");
  progress.finished(accountCount, firstHeight, headHeight);
}
