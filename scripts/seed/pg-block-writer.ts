// The seed's writer for PostgreSQL: each block goes through the node's own seal (PgLedgerStore.sealBlock), one
// transaction under the chain's advisory lock, so that a node sealing into the same database meanwhile neither
// forks the chain nor is forked, and the seal's own checks (recorded txIds, balances, the supply limit) refuse
// whatever the planner got wrong. Its balances are the seal's: read under the lock, written in the same statement.
import { canonicalBytes } from "../../lib/ledger/canonical";
import { assert } from "../../lib/ledger/errors";
import { blockTransactionsMax } from "../../lib/ledger/limits";
import { signWithNodeCrypto, type NodeKey } from "../../lib/crypto/ed25519";
import type { PgLedgerStore } from "../../lib/db/pg-store";
import type { SeedTransaction, SeedWriter } from "./types";

export class PgBlockWriter implements SeedWriter {
  private readonly store: PgLedgerStore;
  private readonly nodeKey: NodeKey;
  private height = -1;

  constructor(store: PgLedgerStore, nodeKey: NodeKey) {
    this.store = store;
    this.nodeKey = nodeKey;
  }

  async start(): Promise<void> {
    const head = await this.store.head();
    assert(head !== null, "a prepared chain has genesis");
    this.height = head.header.height;
  }

  headHeight(): number {
    return this.height;
  }

  async write(blocks: readonly SeedTransaction[][]): Promise<number> {
    let paymentCount = 0;
    for (const transactions of blocks) {
      assert(
        transactions.length >= 1 && transactions.length <= blockTransactionsMax,
        "a block holds 1 to 1,000 transactions",
      );
      const candidates = transactions.map(({ txId, tx, signature }) => ({ txId, signed: { tx, signature } }));
      const { sealed, outcomes } = await this.store.sealBlock(
        () => candidates,
        (header) => signWithNodeCrypto(this.nodeKey.privateKey, canonicalBytes(header)),
        Date.now(),
      );
      const refused = outcomes.findIndex((outcome) => outcome.kind !== "sealed");
      assert(sealed !== null && refused === -1, `the seal took every planned transaction (not ${refused})`);
      this.height = sealed.block.header.height;
      paymentCount += transactions.filter(({ tx }) => tx.type === "payment").length;
    }
    return paymentCount;
  }
}
