// The faucet's hourly budgets: how many grants one client, and all clients together, may have in any hour. The
// per-account limit alone let anyone mint without end by asking for fresh keys; these bound what one client, and
// the whole node, can take. They count grants, each of FAUCET_AMOUNT, so a budget reads the same whatever the
// amount: at most FAUCET_AMOUNT × FAUCET_HOURLY_TOTAL is minted by the faucet in any hour.
//
// They live in memory: in the one process, or in the primary of a node's workers (lib/server/workers/), so all
// workers of one instance share them. Several instances on one database (PostgreSQL instances behind a load
// balancer) each keep their own, so together they give up to that many times the budgets: set them to each
// instance's share. Counting in the database would bind them all, at the price of a write per request on the
// faucet's path; a chain where that matters should not run a faucet at all (FAUCET_AMOUNT=0).
import "server-only";
import { RetryLaterError } from "../http/errors";

/** The window budgets are counted over: any hour, not each clock hour, so no burst fits across a boundary. */
export const faucetBudgetWindowMs = 60 * 60 * 1000;

/**
 * Clients remembered at once; past it the one granted longest ago is forgotten. It bounds memory whatever
 * addresses come: with both budgets set, the total allows fewer clients in a window than this anyway.
 */
const faucetClientsTrackedMax = 100_000;

/** Grants per window; 0 is no limit. */
export type FaucetBudgets = { perClientMax: number; totalMax: number };

/** One grant counted against the budgets, handed back if its mint fails. */
export type FaucetGrant = { client: string; atMs: number };

export class FaucetBudget {
  private readonly budgets: FaucetBudgets;
  /** The times of the window's grants, oldest first; kept only while there is a total budget. */
  private readonly grants: number[] = [];
  /** Each client's grant times in the window, oldest first; the map in order of each client's latest grant. */
  private readonly grantsByClient = new Map<string, number[]>();

  constructor(budgets: FaucetBudgets) {
    this.budgets = budgets;
  }

  /** Counts a grant for `client`, or refuses it with `rate_limited` and when to retry, counting nothing. */
  reserve(client: string, nowMs: number): FaucetGrant {
    const { perClientMax, totalMax } = this.budgets;
    this.forgetBefore(nowMs - faucetBudgetWindowMs, client);
    const fromClient = this.grantsByClient.get(client) ?? [];
    if (perClientMax > 0 && fromClient.length >= perClientMax) {
      throw refusal(`This client has had its ${perClientMax} faucet grants for this hour`, fromClient[0]!, nowMs);
    }
    if (totalMax > 0 && this.grants.length >= totalMax) {
      throw refusal(`The faucet has given its ${totalMax} grants for this hour`, this.grants[0]!, nowMs);
    }
    if (totalMax > 0) this.grants.push(nowMs);
    if (perClientMax > 0) {
      // Deleted and set again, the client moves to the end of the map's order: the most recently granted.
      this.grantsByClient.delete(client);
      if (this.grantsByClient.size >= faucetClientsTrackedMax) {
        const longestAgo = this.grantsByClient.keys().next().value;
        if (longestAgo !== undefined) this.grantsByClient.delete(longestAgo);
      }
      this.grantsByClient.set(client, [...fromClient, nowMs]);
    }
    return { client, atMs: nowMs };
  }

  /** The grant's mint failed: it was never given, so it counts against nothing. */
  refund(grant: FaucetGrant): void {
    removeOne(this.grants, grant.atMs);
    const fromClient = this.grantsByClient.get(grant.client);
    if (fromClient !== undefined) removeOne(fromClient, grant.atMs);
  }

  /** Drops the grants older than the window: the total's, the client's own, and the longest-idle client's. */
  private forgetBefore(oldestKeptMs: number, client: string): void {
    while (this.grants.length > 0 && this.grants[0]! < oldestKeptMs) this.grants.shift();
    for (const key of [client, this.grantsByClient.keys().next().value]) {
      if (key === undefined) continue;
      const times = this.grantsByClient.get(key);
      if (times === undefined) continue;
      while (times.length > 0 && times[0]! < oldestKeptMs) times.shift();
      if (times.length === 0) this.grantsByClient.delete(key);
    }
  }
}

function removeOne(times: number[], atMs: number): void {
  const index = times.lastIndexOf(atMs);
  if (index !== -1) times.splice(index, 1);
}

/** Retry once the oldest grant counted leaves the window. */
function refusal(what: string, oldestMs: number, nowMs: number): RetryLaterError {
  const retryAfterSeconds = Math.max(1, Math.ceil((oldestMs + faucetBudgetWindowMs - nowMs) / 1000));
  return new RetryLaterError("rate_limited", `${what}; try again in ${retryAfterSeconds} s.`, retryAfterSeconds);
}
