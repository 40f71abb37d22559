// The seed's transactions: new accounts, a node-signed mint for each, and payments planned in chain order
// (so that none overdraws) and signed ahead on the worker threads.
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { canonicalBytes } from "../../lib/ledger/canonical";
import { assert } from "../../lib/ledger/errors";
import { computeTxId } from "../../lib/ledger/hash";
import { bytesToHex } from "../../lib/ledger/hex";
import { blockTransactionsMax } from "../../lib/ledger/limits";
import type { Transaction } from "../../lib/ledger/types";
import { signWithNodeCrypto, verifyWithNodeCryptoSync, type NodeKey } from "../../lib/crypto/ed25519";
import { seedAmountsMinor, seedPacing, spkiPublicKeyBytes } from "./limits";
import type { SignerPool } from "./signer-pool";
import type { Account, PaymentJob, SeedTransaction, SignedJob } from "./types";

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

/** New Ed25519 accounts, each with its public key as hex and its private key as a KeyObject for the workers. */
export function newAccounts(count: number): Account[] {
  return Array.from({ length: count }, (): Account => {
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
      let amountMinor = BigInt(1 + Math.floor(Math.random() * seedAmountsMinor.paymentMax));
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

/** Every account's funds: a mint signed by the node, as the faucet makes them. */
export function mintsFor(
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
export async function* signedBlocks(
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
  while (plannedCount < payments && inFlight.length < seedPacing.blocksSignedAheadMax) planNext();
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
    verifyWithNodeCryptoSync(sample.tx.from, canonicalBytes(sample.tx), sample.signature),
    "the signer's signature verifies",
  );
  return transactions;
}
