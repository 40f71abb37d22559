// How much batch work a node takes on at once. At most batchesWorkingMax batches parse, look up and verify at a
// time; the others wait their turn, first come first served, so that each batch is answered as soon as its own
// work is done rather than all of them at the end. A batch's turn ends when it hands its payments to the sealer,
// which seals one block at a time and bounds its own queue. The line is bounded in payments: a batch is refused
// `overloaded` only when more than pendingPaymentsMax payments are already waiting (PROTOCOL.md), counting those
// of the batches here and those waiting in the sealer.
import "server-only";
import { pendingPaymentsMax } from "../../ledger/limits";
import { RetryLaterError } from "../http/errors";
import type { Sealer } from "./sealer";

/**
 * Two batches at once: one can parse and look up on the main thread while the other's signatures are checked on
 * the verify pool's workers (one per core; these machines have two).
 */
export const batchesWorkingMax = 2;

/** What a refused batch is told: a batch's worth of waiting payments takes well under a second to clear. */
const overloadedRetryAfterSeconds = 1;

export class BatchGate {
  private workingCount = 0;
  private readonly queue: (() => void)[] = [];
  /** Payments of the batches admitted here that have not yet been handed to the sealer or answered. */
  private waitingCount = 0;
  private readonly sealerWaiting: () => number;

  constructor(sealerWaiting: () => number) {
    this.sealerWaiting = sealerWaiting;
  }

  get working(): number {
    return this.workingCount;
  }

  get queued(): number {
    return this.queue.length;
  }

  /** The payments waiting on this node: in batches admitted here, and in the sealer. */
  get paymentsWaiting(): number {
    return this.waitingCount + this.sealerWaiting();
  }

  /**
   * Runs `work` for a batch of `paymentCount` payments once a turn is free. The refusal is decided at once, before
   * anything is awaited. `work` calls `handOver` once the rest of its payments are answered and those to record
   * are about to go to the sealer, which counts them from then on: the batch's turn passes to the next in line.
   */
  async run<T>(paymentCount: number, work: (handOver: () => void) => Promise<T>): Promise<T> {
    if (this.paymentsWaiting > pendingPaymentsMax) {
      throw new RetryLaterError(
        "overloaded",
        `More than ${pendingPaymentsMax} payments are waiting; retry shortly.`,
        overloadedRetryAfterSeconds,
      );
    }
    this.waitingCount += paymentCount;
    if (this.workingCount >= batchesWorkingMax) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.workingCount++;
    let isHandedOver = false;
    const handOver = () => {
      if (isHandedOver) return;
      isHandedOver = true;
      this.waitingCount -= paymentCount;
      // The turn passes straight to the next batch in line, so that the count of those working never dips.
      const next = this.queue.shift();
      if (next === undefined) this.workingCount--;
      else next();
    };
    try {
      return await work(handOver);
    } finally {
      handOver();
    }
  }
}

const gates = new WeakMap<Sealer, BatchGate>();

/** The gate of a node's sealer: one per process, and a fresh one for each node a test starts. */
export function batchGateOf(sealer: Sealer): BatchGate {
  let gate = gates.get(sealer);
  if (gate === undefined) {
    gate = new BatchGate(() => sealer.waitingCount);
    gates.set(sealer, gate);
  }
  return gate;
}
