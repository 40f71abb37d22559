// `npm run seed -- <payments> [--data-dir DIR] [--accounts N]`: fills a data directory (DATA_DIR, prepared here
// as `npm start` would) with that many signed payments between a few thousand funded accounts, as real blocks
// of 1,000: every account is funded by a mint the node signs, every payment is signed by its payer (Ed25519,
// spread over one worker thread per core), and every block is hashed, Merkle-rooted and signed with the pure
// core's own code. The result is a chain the node's audit and `npm run verify` accept, for the explorer, the
// exports and the benchmarks to work on. It appends to whatever chain is there; each commit is atomic, so an
// interrupted seed leaves a shorter chain, never a broken one.
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import type Database from "better-sqlite3";
import { canonicalBytes } from "../lib/ledger/canonical";
import { assert } from "../lib/ledger/errors";
import { computeTxId } from "../lib/ledger/hash";
import { bytesToHex } from "../lib/ledger/hex";
import { amountPattern, blockTransactionsMax } from "../lib/ledger/limits";
import type { SignedBlock, Transaction } from "../lib/ledger/types";
import { signWithNodeCrypto, verifyWithNodeCrypto, type NodeKey } from "../lib/crypto/ed25519";
import { readConfig } from "../lib/server/node/env";
import { prepareNode } from "../lib/server/node/prepare-node";
import { blockFromRow, type BlockRow } from "../lib/db/rows";
import { SqliteLedgerStore } from "../lib/db/sqlite-store";

const usage = "usage: npm run seed -- <payments> [--data-dir DIR] [--accounts N]";

/** Limits on what one run seeds. */
const seedPaymentsMax = 100_000_000;
const seedAccountsMin = 2;
const seedAccountsMax = 100_000;
/** Without --accounts: one account per ten payments, up to a few thousand. */
const defaultAccountsMax = 3000;
/** Payments are 0.01 to 1,000.00 (in a 2-decimal currency). */
const paymentAmountMaxMinor = 100_000;
/** Each account's mint: enough that an account paying its share of the payments, at the most, never runs dry. */
const mintAmountMinMinor = 100_000_000;
/** Blocks written per SQLite transaction: large enough that a commit's sync is a small part of the work. */
const blocksPerCommit = 20;
/**
 * Blocks being signed ahead. Writing a commit holds the main thread for a while, and the workers must have
 * enough queued to keep signing meanwhile, or they and the writer take turns instead of working at once.
 */
const blocksSignedAheadMax = blocksPerCommit * 2;
const progressIntervalMs = 1000;
/** An Ed25519 public key as SubjectPublicKeyInfo DER: a fixed 12-byte prefix, then the raw key. */
const spkiPublicKeyBytes = 44;
const memos = [
  "coffee",
  "lunch",
  "rent",
  "groceries",
  "books",
  "taxi",
  "tickets",
  "refund",
  "gift",
  "invoice",
  "dinner, drinks",
  'the "good" coffee',
];

type Account = { publicKey: string; privateKey: KeyObject };
type SeedTransaction = { txId: string; tx: Transaction; signature: string };
/** One block's worth of payments, planned in chain order and signed by a worker. */
type PaymentJob = {
  id: number;
  timestamp: string;
  from: Int32Array;
  to: Int32Array;
  amounts: string[];
  memos: string[];
};
type SignedJob = { id: number; txIds: string[]; signatures: string[] };

// The worker is inline source so that it runs the same under tsx, Vitest and plain Node. It writes each payment's
// RFC 8785 canonical JSON directly: the keys in sorted order, each string as JSON.stringify writes it (which is
// RFC 8785's string form). The writer checks one payment of every block against the pure core before writing.
// The private keys reach the workers as KeyObjects, which Node clones between threads in microseconds, where
// importing each from PKCS#8 would take about a millisecond.
const signerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const { createHash, sign } = require("node:crypto");
const { chainId, publicKeys, privateKeys } = workerData;
const chainIdJson = JSON.stringify(chainId);
parentPort.on("message", ({ id, timestamp, from, to, amounts, memos }) => {
  const txIds = new Array(from.length);
  const signatures = new Array(from.length);
  for (let index = 0; index < from.length; index++) {
    const text = '{"amount":"' + amounts[index] + '","chainId":' + chainIdJson + ',"from":"' + publicKeys[from[index]] +
      '","memo":' + JSON.stringify(memos[index]) + ',"timestamp":"' + timestamp + '","to":"' + publicKeys[to[index]] + '","type":"payment"}';
    const bytes = Buffer.from(text, "utf8");
    txIds[index] = createHash("sha256").update(bytes).digest("hex");
    signatures[index] = sign(null, bytes, privateKeys[from[index]]).toString("hex");
  }
  parentPort.postMessage({ id, txIds, signatures });
});`;

/** Signs payment jobs on one worker thread per core, answering each job when its worker is done. */
class SignerPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (job: SignedJob) => void; reject: (error: unknown) => void }>();
  private nextWorker = 0;

  constructor(size: number, chainId: string, accounts: readonly Account[]) {
    const workerData = {
      chainId,
      publicKeys: accounts.map((account) => account.publicKey),
      privateKeys: accounts.map((account) => account.privateKey),
    };
    this.workers = Array.from({ length: size }, () => {
      const worker = new Worker(signerSource, { eval: true, workerData });
      worker.on("message", (signed: SignedJob) => {
        this.waiting.get(signed.id)?.resolve(signed);
        this.waiting.delete(signed.id);
      });
      worker.on("error", (error) => {
        for (const entry of this.waiting.values()) entry.reject(error);
        this.waiting.clear();
      });
      return worker;
    });
  }

  get size(): number {
    return this.workers.length;
  }

  sign(job: PaymentJob): Promise<SignedJob> {
    const worker = this.workers[this.nextWorker++ % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.waiting.set(job.id, { resolve, reject });
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/** Plans payments in chain order, tracking every balance so that no payment ever overdraws its payer. */
class PaymentPlanner {
  private readonly balances: bigint[];
  private nextJobId = 0;
  private plannedCount = 0;

  constructor(accountCount: number, mintAmountMinor: bigint) {
    this.balances = Array.from({ length: accountCount }, () => mintAmountMinor);
  }

  plan(count: number): PaymentJob {
    const accountCount = this.balances.length;
    const job: PaymentJob = {
      id: this.nextJobId++,
      timestamp: new Date().toISOString(),
      from: new Int32Array(count),
      to: new Int32Array(count),
      amounts: [],
      memos: [],
    };
    for (let index = 0; index < count; index++) {
      let from = Math.floor(Math.random() * accountCount);
      let amountMinor = BigInt(1 + Math.floor(Math.random() * paymentAmountMaxMinor));
      // The money never leaves the accounts, so some account can always pay at least 1.
      while (this.balances[from]! < 1n) from = (from + 1) % accountCount;
      if (this.balances[from]! < amountMinor) amountMinor = this.balances[from]!;
      const to = (from + 1 + Math.floor(Math.random() * (accountCount - 1))) % accountCount;
      this.balances[from] = this.balances[from]! - amountMinor;
      this.balances[to] = this.balances[to]! + amountMinor;
      job.from[index] = from;
      job.to[index] = to;
      job.amounts.push(amountMinor.toString());
      // The running number makes every payment distinct, whatever else it shares with another.
      job.memos.push(`${memos[Math.floor(Math.random() * memos.length)]!} #${++this.plannedCount}`);
    }
    return job;
  }
}

type SeedOptions = { payments: number; accountCount: number };

async function seed({ payments, accountCount }: SeedOptions): Promise<void> {
  const startedMs = performance.now();
  const config = readConfig();
  const { store, nodeKey, genesis, newAdminPassword } = await prepareNode(config);
  if (!(store instanceof SqliteLedgerStore)) {
    await store.close();
    throw new Error("npm run seed writes SQLite files only: unset DATABASE_URL (or give it a file: URL).");
  }
  // Whichever script prepares DATA_DIR first makes the admin password, and only it can show it.
  if (newAdminPassword !== null) console.log(`seed: admin password (shown once): ${newAdminPassword}`);
  const database = store.database;
  // A crash mid-seed may lose the last commits but never corrupts the file: WAL with synchronous=NORMAL keeps
  // every commit atomic without waiting for the disk on each one, and a seed is simply run again.
  database.pragma("synchronous = NORMAL");
  // Fewer, larger checkpoints (64 MiB of WAL each), and room in memory for the indexes being filled.
  database.pragma("wal_autocheckpoint = 16384");
  database.pragma("cache_size = -262144");
  const chainId = genesis.header.chainId;
  const mintAmountMinor = BigInt(
    Math.max(mintAmountMinMinor, Math.ceil(payments / accountCount) * paymentAmountMaxMinor),
  );
  assert(amountPattern.test(mintAmountMinor.toString()), "a seed mint is a protocol amount");

  const accounts = Array.from({ length: accountCount }, (): Account => {
    // The public key comes encoded from the key generation itself, never through a JWK export of the new key:
    // Node 20 can deadlock when garbage collection during that export frees the key's finished generation job
    // (observed here: ExportJWK holds the key's mutex, ~KeyGenJob waits for it on the same thread).
    // Node encodes just the public half when only its encoding is given; @types/node models both or neither.
    const { publicKey, privateKey } = generateKeyPairSync("ed25519", {
      publicKeyEncoding: { type: "spki", format: "der" },
    }) as unknown as { publicKey: Buffer; privateKey: KeyObject };
    assert(publicKey.length === spkiPublicKeyBytes, "an Ed25519 SubjectPublicKeyInfo ends with the 32-byte key");
    return { publicKey: bytesToHex(publicKey.subarray(spkiPublicKeyBytes - 32)), privateKey };
  });
  const pool = new SignerPool(Math.max(1, availableParallelism()), chainId, accounts);
  console.log(
    `seed: ${payments.toLocaleString("en-US")} payments between ${accountCount.toLocaleString("en-US")} accounts into ${config.dataDir} ` +
      `(chain ${chainId}), signing on ${pool.size} worker threads`,
  );
  const writer = new BlockWriter(store, chainId, nodeKey);
  const firstHeight = writer.headHeight() + 1;
  let writtenPayments = 0;
  let lastProgressMs = performance.now();
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
      if (pending.length < blocksPerCommit) continue;
      writtenPayments += writer.write(pending);
      pending = [];
      if (performance.now() - lastProgressMs >= progressIntervalMs) {
        lastProgressMs = performance.now();
        console.log(
          `seed: ${writtenPayments.toLocaleString("en-US")} of ${payments.toLocaleString("en-US")} payments written, head ${writer.headHeight()}, ${rate(writtenPayments, startedMs)} payments/s`,
        );
      }
    }
    if (pending.length > 0) writtenPayments += writer.write(pending);
  } finally {
    await pool.close();
  }
  // Leave the data directory as a server expects to find it: the WAL folded into the database file.
  database.pragma("wal_checkpoint(TRUNCATE)");
  const headHeight = writer.headHeight();
  database.close();
  assert(writtenPayments === payments, "every planned payment was written");
  const seconds = (performance.now() - startedMs) / 1000;
  console.log(
    `seed: wrote ${payments.toLocaleString("en-US")} payments and ${accountCount.toLocaleString("en-US")} mints in ` +
      `${(headHeight - firstHeight + 1).toLocaleString("en-US")} blocks (heights ${firstHeight} to ${headHeight}) in ${seconds.toFixed(1)} s: ` +
      `${rate(payments, startedMs)} payments/s`,
  );
}

function rate(count: number, startedMs: number): string {
  return Math.round(count / ((performance.now() - startedMs) / 1000)).toLocaleString("en-US");
}

/** Every account's funds: a mint signed by the node, as the faucet makes them. */
function mintsFor(
  accounts: readonly Account[],
  chainId: string,
  nodeKey: NodeKey,
  amountMinor: bigint,
): SeedTransaction[] {
  const timestamp = new Date().toISOString();
  return accounts.map((account) => {
    const tx: Transaction = {
      type: "mint",
      chainId,
      from: nodeKey.publicKeyHex,
      to: account.publicKey,
      amount: amountMinor.toString(),
      memo: "seed funds",
      timestamp,
    };
    return { txId: computeTxId(tx), tx, signature: signWithNodeCrypto(nodeKey.privateKey, canonicalBytes(tx)) };
  });
}

/** The chain's new blocks in order: the mints first, then the payments, signed ahead on the worker threads. */
async function* signedBlocks(
  mints: readonly SeedTransaction[],
  payments: number,
  accounts: readonly Account[],
  pool: SignerPool,
  mintAmountMinor: bigint,
): AsyncGenerator<SeedTransaction[]> {
  for (let index = 0; index < mints.length; index += blockTransactionsMax)
    yield mints.slice(index, index + blockTransactionsMax);
  const planner = new PaymentPlanner(accounts.length, mintAmountMinor);
  const chainId = mints[0]!.tx.chainId;
  const inFlight: Promise<SeedTransaction[]>[] = [];
  let plannedCount = 0;
  const planNext = () => {
    const job = planner.plan(Math.min(blockTransactionsMax, payments - plannedCount));
    plannedCount += job.from.length;
    const signed = pool.sign(job).then((result) => transactionsOf(job, result, accounts, chainId));
    // Awaited in order below; until then a failure must not count as unhandled.
    signed.catch(() => {});
    inFlight.push(signed);
  };
  while (plannedCount < payments && inFlight.length < blocksSignedAheadMax) planNext();
  while (inFlight.length > 0) {
    const block = await inFlight.shift()!;
    if (plannedCount < payments) planNext();
    yield block;
  }
}

function transactionsOf(
  job: PaymentJob,
  signed: SignedJob,
  accounts: readonly Account[],
  chainId: string,
): SeedTransaction[] {
  const transactions = job.amounts.map((amount, index): SeedTransaction => {
    const tx: Transaction = {
      type: "payment",
      chainId,
      from: accounts[job.from[index]!]!.publicKey,
      to: accounts[job.to[index]!]!.publicKey,
      amount,
      memo: job.memos[index]!,
      timestamp: job.timestamp,
    };
    return { txId: signed.txIds[index]!, tx, signature: signed.signatures[index]! };
  });
  // The worker writes canonical JSON by hand: check one payment of every block with the pure core's own code.
  const sample = transactions[0]!;
  assert(computeTxId(sample.tx) === sample.txId, "the signer's txId is the pure core's");
  assert(
    verifyWithNodeCrypto(sample.tx.from, canonicalBytes(sample.tx), sample.signature) as boolean,
    "the signer's signature verifies",
  );
  return transactions;
}

/** Writes blocks as SqliteLedgerStore.sealBlock does (same columns, same rules), many blocks per transaction. */
class BlockWriter {
  private readonly database: Database.Database;
  private readonly chainId: string;
  private readonly nodeKey: NodeKey;
  private readonly statements;
  private readonly store: SqliteLedgerStore;

  constructor(store: SqliteLedgerStore, chainId: string, nodeKey: NodeKey) {
    const { database } = store;
    this.database = database;
    this.store = store;
    this.chainId = chainId;
    this.nodeKey = nodeKey;
    this.statements = {
      head: database.prepare(`SELECT * FROM "Block" ORDER BY "height" DESC LIMIT 1`),
      // Balances change by what each commit moved, not to a value computed before it: a node serving the same
      // file meanwhile may have credited these accounts too. Not an upsert: SQLite checks the CHECK constraint
      // on the row to be inserted before it sees the conflict, and a debit's row would be negative.
      addToBalance: database.prepare(`UPDATE "Account" SET "balanceMinor" = "balanceMinor" + ? WHERE "publicKey" = ?`),
      insertBalance: database.prepare(`INSERT INTO "Account" ("publicKey", "balanceMinor") VALUES (?, ?)`),
    };
  }

  headHeight(): number {
    return this.head().header.height;
  }

  private head(): SignedBlock {
    const row = this.statements.head.get() as BlockRow | undefined;
    assert(row !== undefined, "a prepared chain has genesis");
    return blockFromRow(row);
  }

  /**
   * Appends the blocks in one IMMEDIATE transaction, each linked to the head as it is inside the transaction,
   * so that a node sealing into the same file meanwhile neither forks the chain nor is forked. Returns the
   * number of payments written.
   */
  write(blocks: readonly SeedTransaction[][]): number {
    const append = this.database.transaction((): number => {
      let head = this.head();
      let paymentCount = 0;
      const deltas = new Map<string, bigint>();
      for (const transactions of blocks) {
        assert(
          transactions.length >= 1 && transactions.length <= blockTransactionsMax,
          "a block holds 1 to 1,000 transactions",
        );
        // appendBlock stores the block's tree too, as the sealer does: receipts of seeded payments read it.
        const { block } = this.store.appendBlock(
          head,
          transactions.map(({ txId, tx, signature }) => ({ txId, signed: { tx, signature } })),
          (header) => signWithNodeCrypto(this.nodeKey.privateKey, canonicalBytes(header)),
          Date.now(),
        );
        for (const { tx } of transactions) {
          const amountMinor = BigInt(tx.amount);
          if (tx.type === "payment") {
            deltas.set(tx.from, (deltas.get(tx.from) ?? 0n) - amountMinor);
            paymentCount += 1;
          }
          deltas.set(tx.to, (deltas.get(tx.to) ?? 0n) + amountMinor);
        }
        head = block;
      }
      // The planner never overdraws, so no balance here goes below zero (the CHECK constraint would refuse it),
      // and an account without a row yet has only been credited.
      for (const [account, delta] of deltas) {
        if (delta === 0n || this.statements.addToBalance.run(delta, account).changes === 1) continue;
        this.statements.insertBalance.run(account, delta);
      }
      return paymentCount;
    });
    return append.immediate();
  }
}

function parseCount(text: string | undefined, min: number, max: number): number | null {
  if (text === undefined || !/^[1-9][0-9]*$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { "data-dir": { type: "string" }, accounts: { type: "string" } },
  });
  const payments = parseCount(positionals[0], 1, seedPaymentsMax);
  const accountCount =
    values.accounts === undefined
      ? Math.min(defaultAccountsMax, Math.max(seedAccountsMin, Math.ceil((payments ?? 0) / 10)))
      : parseCount(values.accounts, seedAccountsMin, seedAccountsMax);
  if (payments === null || accountCount === null || positionals.length !== 1) {
    console.error(usage);
    return 2;
  }
  if (values["data-dir"] !== undefined) {
    // An explicit directory means its own database, whatever DATABASE_URL says.
    process.env.DATA_DIR = values["data-dir"];
    delete process.env.DATABASE_URL;
  }
  await seed({ payments, accountCount });
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`seed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
