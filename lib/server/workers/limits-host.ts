// The node's rate limits and caps that must count across every worker process: wrong admin tokens and passwords
// (FailureLimiter), the faucet's pace and hourly budgets, and the open event streams per client and in all. With
// one process they live in it; with several workers (WEB_CONCURRENCY) they live in the primary, and each worker
// asks it (shared-limits.ts), so that a client whose connections land on different workers still meets one limit.
// Each limit is made on first use from the settings the call carries, so the primary needs no settings of its own.
import "server-only";
import { LedgerError } from "../../ledger/errors";
import { RetryLaterError } from "../http/errors";
import { FailureLimiter, type Attempt, type FailureLimits } from "../http/failure-limiter";
import { FaucetBudget, type FaucetBudgets, type FaucetGrant } from "../faucet/faucet-budget";
import { FaucetAccountPace } from "../faucet/faucet-pace";
import { StreamSlots, type StreamSlotLimits } from "../events/stream-slots";

export type FaucetReservation = { grant: FaucetGrant; account: string };

/** One question to the limits; `owner` in `handle` is the worker asking (0 in a single process). */
export type LimitCall =
  | { op: "failure.begin"; limits: FailureLimits; clientKey: string; nowMs: number }
  | { op: "failure.succeed"; limits: FailureLimits; attempt: Attempt }
  | {
      op: "faucet.reserve";
      budgets: FaucetBudgets;
      intervalMs: number;
      account: string;
      client: string;
      nowMs: number;
    }
  | { op: "faucet.refund"; budgets: FaucetBudgets; reservation: FaucetReservation }
  | { op: "stream.take"; limits: StreamSlotLimits; client: string }
  | { op: "stream.give"; slot: number };

/** A refusal as it crosses from the primary to a worker: a LedgerError's fields, and a retry-after if it has one. */
export type LimitRefusal = { code: LedgerError["code"]; message: string; field?: string; retryAfterSeconds?: number };

export function refusalOf(error: LedgerError): LimitRefusal {
  return {
    code: error.code,
    message: error.message,
    ...(error.field === undefined ? {} : { field: error.field }),
    ...(error instanceof RetryLaterError ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
  };
}

export function errorOf(refusal: LimitRefusal): LedgerError {
  const { code, message, field, retryAfterSeconds } = refusal;
  if (retryAfterSeconds !== undefined && (code === "rate_limited" || code === "overloaded"))
    return new RetryLaterError(code, message, retryAfterSeconds, field);
  return new LedgerError(code, message, field);
}

export class LimitsHost {
  // Keyed by their settings: the code has a fixed few (two failure limiters, one budget, one stream cap).
  private readonly failureLimiters = new Map<string, FailureLimiter>();
  private readonly budgets = new Map<string, FaucetBudget>();
  private readonly pace = new FaucetAccountPace();
  private readonly streamSlots = new Map<string, StreamSlots>();
  /** Each open stream's slot, to give back by number, and the slots of each owner, to give back when it dies. */
  private readonly slots = new Map<number, { owner: number; giveBack: () => void }>();
  private nextSlot = 1;

  /** Answers `call`, or throws the LedgerError a request is refused with. */
  handle(call: LimitCall, owner: number): unknown {
    switch (call.op) {
      case "failure.begin":
        return this.failureLimiterOf(call.limits).begin(call.clientKey, call.nowMs);
      case "failure.succeed":
        this.failureLimiterOf(call.limits).succeed(call.attempt);
        return null;
      case "faucet.reserve": {
        // The account's pace first, so that a request refused for its account spends nothing of the budgets.
        this.pace.take(call.account, call.nowMs, call.intervalMs);
        try {
          return { grant: this.budgetOf(call.budgets).reserve(call.client, call.nowMs), account: call.account };
        } catch (error) {
          this.pace.giveBack(call.account, call.nowMs);
          throw error;
        }
      }
      case "faucet.refund":
        this.pace.giveBack(call.reservation.account, call.reservation.grant.atMs);
        this.budgetOf(call.budgets).refund(call.reservation.grant);
        return null;
      case "stream.take": {
        const giveBack = this.slotsOf(call.limits).take(call.client);
        const slot = this.nextSlot++;
        this.slots.set(slot, { owner, giveBack });
        return slot;
      }
      case "stream.give":
        this.slots.get(call.slot)?.giveBack();
        this.slots.delete(call.slot);
        return null;
    }
  }

  /** A worker died: the streams it held are gone with it. */
  releaseOwner(owner: number): void {
    for (const [slot, held] of this.slots) {
      if (held.owner !== owner) continue;
      held.giveBack();
      this.slots.delete(slot);
    }
  }

  private failureLimiterOf(limits: FailureLimits): FailureLimiter {
    return madeOnce(this.failureLimiters, limits, () => new FailureLimiter(limits));
  }

  private budgetOf(budgets: FaucetBudgets): FaucetBudget {
    return madeOnce(this.budgets, budgets, () => new FaucetBudget(budgets));
  }

  private slotsOf(limits: StreamSlotLimits): StreamSlots {
    return madeOnce(this.streamSlots, limits, () => new StreamSlots(limits));
  }
}

function madeOnce<Value>(made: Map<string, Value>, settings: object, make: () => Value): Value {
  const key = JSON.stringify(settings);
  let value = made.get(key);
  if (value === undefined) {
    value = make();
    made.set(key, value);
  }
  return value;
}
