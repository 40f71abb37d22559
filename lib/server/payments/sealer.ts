// Group commit: payments that arrive together share a block. The first waiting payment starts a short timer;
// when it fires, up to blockTransactionsMax waiting payments are sealed in one database transaction, and each
// is answered only after that transaction has committed (durably on disk: SQLite's synchronous=FULL,
// PostgreSQL's synchronous_commit). One seal at a time per process; what arrives meanwhile joins the next.
import { takeTurn } from "../http/take-turn";
import { assert, LedgerError } from "../../ledger/errors";
import { blockTransactionsMax, pendingPaymentsMax, totalSupplyMinorMax } from "../../ledger/limits";
import { pathOfTree } from "../../ledger/merkle";
import { buildReceipt } from "../../ledger/receipt";
import type { Receipt, SignedBlock, SignedTransaction } from "../../ledger/types";
import { isContentionError, type SealResult } from "../../db/ledger-store";
import type { SealCandidate, SealProblem } from "../../ledger/seal";

export type SubmitOutcome = { created: boolean; receipt: Receipt };

/**
 * Where the amount is in the request that brought a transaction: a refusal names that field. A signed payment
 * carries it as `tx.amount`; the admin's and the faucet's mint bodies as `amount`.
 */
export type AmountField = "tx.amount" | "amount";

/** What a refused candidate is answered with; `amountField` is named when the request carried the amount. */
function refusalOf(problem: SealProblem, amountField: AmountField | null): LedgerError {
  const field = amountField ?? undefined;
  if (problem === "insufficient_funds")
    return new LedgerError("insufficient_funds", "The payer's balance does not cover this amount.", field);
  if (problem === "supply_exceeded")
    return new LedgerError(
      "supply_exceeded",
      `This mint would take the total supply past ${totalSupplyMinorMax} minor units.`,
      field,
    );
  return new LedgerError("invalid_request", "This amount would overflow the recipient's balance.", field);
}

type Waiting = SealCandidate & {
  amountField: AmountField | null;
  resolve: (outcome: SubmitOutcome) => void;
  reject: (error: unknown) => void;
};

export type SealerDependencies = {
  /** Seals what `takeCandidates` gives into one signed block; the node key was bound to it once, not handed over. */
  sealBlock: (takeCandidates: () => readonly SealCandidate[], nowMs: number) => Promise<SealResult>;
  /** The stored receipt of a transaction recorded earlier (by this or another process). */
  readReceipt: (txId: string) => Promise<Receipt>;
  nodePublicKey: string;
  sealDelayMs: number;
  onBlock: (block: SignedBlock) => void;
};

const busyRetriesMax = 20;
/** Stored receipts read between two yields to the event loop when a seal finds payments already recorded. */
export const recordedReadsPerChunk = 100;

export class Sealer {
  private readonly waiting: Waiting[] = [];
  private isScheduled = false;
  private isSealing = false;
  private readonly dependencies: SealerDependencies;

  constructor(dependencies: SealerDependencies) {
    this.dependencies = dependencies;
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  /** Queues a checked transaction for the next block; settles once its block has committed. */
  submit(candidate: SealCandidate, amountField: AmountField | null = "tx.amount"): Promise<SubmitOutcome> {
    // PROTOCOL.md: `overloaded` only when more than pendingPaymentsMax payments are already waiting.
    if (this.waiting.length > pendingPaymentsMax) {
      return Promise.reject(new LedgerError("overloaded", "Too many payments are waiting; retry shortly."));
    }
    return new Promise<SubmitOutcome>((resolve, reject) => {
      this.waiting.push({ ...candidate, amountField, resolve, reject });
      this.schedule(this.dependencies.sealDelayMs);
    });
  }

  /**
   * With no delay, sealing waits only for the event loop to finish the I/O already at hand (setImmediate):
   * every request that arrived meanwhile joins the block, and no time is spent idle waiting for more.
   */
  private schedule(delayMs: number): void {
    if (this.isScheduled || this.isSealing) return;
    this.isScheduled = true;
    const run = () => {
      this.isScheduled = false;
      this.sealNext();
    };
    if (delayMs === 0) setImmediate(run);
    else setTimeout(run, delayMs);
  }

  private sealNext(): void {
    if (this.waiting.length === 0) return;
    this.isSealing = true;
    // The batch is taken when the store holds the chain's lock (at once on SQLite; on PostgreSQL perhaps after
    // another instance's seal), so that payments that arrive meanwhile join it rather than wait for the next.
    let batch: Waiting[] | undefined;
    const takeBatch = () => (batch ??= this.waiting.splice(0, blockTransactionsMax));
    void this.sealWithRetry(takeBatch)
      .then(
        (result) => this.answer(takeBatch(), result),
        (error: unknown) => {
          console.error("sealing a block failed", error);
          // Failed before the lock was held (the database is down, say): the batch it would have taken fails.
          for (const item of takeBatch()) item.reject(error);
        },
      )
      .finally(() => {
        this.isSealing = false;
        // A full block's worth still waiting is sealed at once rather than after another delay.
        if (this.waiting.length > 0)
          this.schedule(this.waiting.length >= blockTransactionsMax ? 0 : this.dependencies.sealDelayMs);
      });
  }

  /**
   * Another process holding the chain's lock too long, or sealing first, is a passing state: try again, briefly,
   * with the same batch (once taken, a batch is this seal's until it is answered).
   */
  private async sealWithRetry(takeBatch: () => readonly Waiting[]): Promise<SealResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.dependencies.sealBlock(takeBatch, Date.now());
      } catch (error) {
        if (!isContentionError(error) || attempt >= busyRetriesMax) throw error;
      }
    }
  }

  private answer(batch: readonly Waiting[], result: SealResult): void {
    assert(result.outcomes.length === batch.length, "the store decided on every candidate of the batch it took");
    const { sealed } = result;
    if (sealed !== null) this.dependencies.onBlock(sealed.block);
    const recorded: Waiting[] = [];
    for (const [index, item] of batch.entries()) {
      const outcome = result.outcomes[index]!;
      if (outcome.kind === "sealed") {
        assert(sealed !== null, "a sealed outcome has its block");
        item.resolve({
          created: true,
          // The tree the block's root was made from gives the path: it is built once per block.
          receipt: buildReceipt({
            txId: item.txId,
            signed: item.signed,
            block: sealed.block,
            leafIndex: outcome.leafIndex,
            path: pathOfTree(sealed.tree, outcome.leafIndex),
            nodePublicKey: this.dependencies.nodePublicKey,
          }),
        });
      } else if (outcome.kind === "recorded") {
        recorded.push(item);
      } else {
        item.reject(refusalOf(outcome.problem, item.amountField));
      }
    }
    void this.answerRecorded(recorded);
  }

  /**
   * Recorded meanwhile (the same batch sent twice at once, say): each is answered with its stored receipt, a
   * chunk of reads at a time with the event loop given back between, since on SQLite each read runs on this thread
   * and a whole block's worth at once would hold up every other request.
   */
  private async answerRecorded(items: readonly Waiting[]): Promise<void> {
    for (let start = 0; start < items.length; start += recordedReadsPerChunk) {
      if (start > 0) await takeTurn();
      await Promise.all(
        items
          .slice(start, start + recordedReadsPerChunk)
          .map((item) =>
            this.dependencies
              .readReceipt(item.txId)
              .then((receipt) => item.resolve({ created: false, receipt }), item.reject),
          ),
      );
    }
  }
}

export type { SignedTransaction };
