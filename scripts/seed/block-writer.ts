import type Database from "better-sqlite3";
import { canonicalBytes } from "../../lib/ledger/canonical";
import { assert } from "../../lib/ledger/errors";
import { blockTransactionsMax } from "../../lib/ledger/limits";
import type { SignedBlock } from "../../lib/ledger/types";
import { signWithNodeCrypto, type NodeKey } from "../../lib/crypto/ed25519";
import { blockFromRow, type BlockRow } from "../../lib/db/rows";
import type { SqliteLedgerStore } from "../../lib/db/sqlite-store";
import type { SeedTransaction, SeedWriter } from "./types";

/** Writes blocks as SqliteLedgerStore.sealBlock does (same columns, same rules), many blocks per transaction. */
export class BlockWriter {
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
      // Keys bound as hex, stored as bytes (`unhex`).
      addToBalance: database.prepare(
        `UPDATE "Account" SET "balanceMinor" = "balanceMinor" + ? WHERE "publicKey" = unhex(?)`,
      ),
      insertBalance: database.prepare(`INSERT INTO "Account" ("publicKey", "balanceMinor") VALUES (unhex(?), ?)`),
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
      // and an account without a row yet has only been credited. One that paid out all it got in this run gets
      // its row too, at 0: every payer and payee has an Account row (the explorer's search reads them).
      for (const [account, delta] of deltas) {
        if (this.statements.addToBalance.run(delta, account).changes === 1) continue;
        this.statements.insertBalance.run(account, delta);
      }
      return paymentCount;
    });
    return append.immediate();
  }
}

/** The SQLite writer as the seed's writer: its synchronous writes as settled promises. */
export function sqliteSeedWriter(writer: BlockWriter): SeedWriter {
  return {
    start: () => Promise.resolve(),
    headHeight: () => writer.headHeight(),
    write: (blocks) => Promise.resolve(writer.write(blocks)),
  };
}
