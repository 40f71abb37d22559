// What a node with several workers shares and splits: the limits (lib/server/workers/limits-host.ts), as the primary
// answers them (every question by its settings, refusals that survive the trip to a worker, and a dead worker's
// stream slots given back), and each process's share of verify threads.
import { describe, expect, it } from "vitest";
import { verifyThreadsFor } from "@/lib/crypto/verify-pool";
import { LedgerError } from "@/lib/ledger/errors";
import { RetryLaterError } from "@/lib/server/http/errors";
import type { Attempt } from "@/lib/server/http/failure-limiter";
import { errorOf, LimitsHost, refusalOf, type FaucetReservation } from "@/lib/server/workers/limits-host";

const failureLimits = { perClientMax: 2, overallMax: 100, windowMs: 60_000, guessed: "passwords" };
const streamLimits = { streamsMax: 3, streamsPerClientMax: 2 };
const budgets = { perClientMax: 2, totalMax: 0 };

function refusalOfCall(call: () => unknown): LedgerError {
  try {
    call();
  } catch (error) {
    if (error instanceof LedgerError) return error;
    throw error;
  }
  throw new Error("the call was not refused");
}

describe("LimitsHost", () => {
  it("counts failures per client across owners, and a success is forgotten by its id after a round trip", () => {
    const host = new LimitsHost();
    const first = host.handle({ op: "failure.begin", limits: failureLimits, clientKey: "a", nowMs: 0 }, 1) as Attempt;
    // The attempt as a worker sends it back: a copy, not the same object.
    host.handle({ op: "failure.succeed", limits: failureLimits, attempt: structuredClone(first) }, 1);
    host.handle({ op: "failure.begin", limits: failureLimits, clientKey: "a", nowMs: 1 }, 2);
    host.handle({ op: "failure.begin", limits: failureLimits, clientKey: "a", nowMs: 2 }, 1);
    const refused = refusalOfCall(() =>
      host.handle({ op: "failure.begin", limits: failureLimits, clientKey: "a", nowMs: 3 }, 2),
    );
    expect(refused).toBeInstanceOf(RetryLaterError);
    expect(refused.code).toBe("rate_limited");
    // Another client is untouched.
    expect(() =>
      host.handle({ op: "failure.begin", limits: failureLimits, clientKey: "b", nowMs: 3 }, 2),
    ).not.toThrow();
  });

  it("paces the faucet per account and budgets it per client; a refund gives both back", () => {
    const host = new LimitsHost();
    const reserve = (account: string, client: string, nowMs: number) =>
      host.handle({ op: "faucet.reserve", budgets, intervalMs: 1_000, account, client, nowMs }, 1) as FaucetReservation;
    const reservation = reserve("x", "c", 0);
    expect(refusalOfCall(() => reserve("x", "c", 10))).toMatchObject({ code: "rate_limited", field: "account" });
    host.handle({ op: "faucet.refund", budgets, reservation }, 1);
    reserve("x", "c", 20);
    reserve("y", "c", 30);
    // The client's budget of 2 is spent; the account it asks for is new, and still not paced before the budget.
    expect(refusalOfCall(() => reserve("z", "c", 40))).toBeInstanceOf(RetryLaterError);
    // A refusal by the budget does not count against the account's pace.
    expect(() => reserve("z", "d", 50)).not.toThrow();
  });

  it("caps streams per client and in all, and gives a dead owner's slots back", () => {
    const host = new LimitsHost();
    const take = (client: string, owner: number) =>
      host.handle({ op: "stream.take", limits: streamLimits, client }, owner) as number;
    const slot = take("a", 1);
    take("a", 2);
    expect(refusalOfCall(() => take("a", 1)).code).toBe("overloaded");
    host.handle({ op: "stream.give", slot }, 1);
    take("a", 1);
    take("b", 1);
    expect(refusalOfCall(() => take("c", 2)).code).toBe("overloaded");
    // Owner 1 held two of the three: its death frees them.
    host.releaseOwner(1);
    take("c", 2);
    take("b", 2);
    expect(refusalOfCall(() => take("d", 2)).code).toBe("overloaded");
  });

  it("carries a refusal to a worker whole: code, message, field and retry-after", () => {
    const retry = errorOf(refusalOf(new RetryLaterError("rate_limited", "Wait.", 7, "account")));
    expect(retry).toBeInstanceOf(RetryLaterError);
    expect(retry).toMatchObject({ code: "rate_limited", message: "Wait.", field: "account", retryAfterSeconds: 7 });
    const plain = errorOf(refusalOf(new LedgerError("faucet_disabled", "Off.")));
    expect(plain).not.toBeInstanceOf(RetryLaterError);
    expect(plain.toBody()).toEqual({ error: { code: "faucet_disabled", message: "Off." } });
  });
});

describe("verify threads per server process", () => {
  it("gives each process its share of the cores, at least two and at most all of them", () => {
    expect(verifyThreadsFor(1, 2)).toBe(2);
    expect(verifyThreadsFor(2, 2)).toBe(2);
    expect(verifyThreadsFor(1, 8)).toBe(8);
    expect(verifyThreadsFor(4, 8)).toBe(2);
    expect(verifyThreadsFor(3, 8)).toBe(3);
    expect(verifyThreadsFor(64, 64)).toBe(2);
    expect(verifyThreadsFor(1, 1)).toBe(1);
  });
});
