// The faucet's pace per account: one grant per account per FAUCET_INTERVAL_SECONDS. It is a courtesy against a
// wallet stuck in a loop, not a security boundary (the hourly budgets, faucet-budget.ts, are that), so it lives in
// memory: in one process, or in the primary of a node with several workers (lib/server/workers/).
import "server-only";
import { LedgerError } from "../../ledger/errors";

/** Accounts remembered at once; past it the memory is cleared, which can only let an account ask again early. */
const faucetAccountsTrackedMax = 100_000;

export class FaucetAccountPace {
  private readonly lastGrantMsByAccount = new Map<string, number>();

  /** Counts a grant to `account` now, or refuses with `rate_limited` when its last one was too recent. */
  take(account: string, nowMs: number, intervalMs: number): void {
    const lastMs = this.lastGrantMsByAccount.get(account);
    if (lastMs !== undefined && nowMs - lastMs < intervalMs) {
      const waitSeconds = Math.ceil((intervalMs - (nowMs - lastMs)) / 1000);
      throw new LedgerError(
        "rate_limited",
        `This account had test funds moments ago; try again in ${waitSeconds} s.`,
        "account",
      );
    }
    if (this.lastGrantMsByAccount.size >= faucetAccountsTrackedMax) this.lastGrantMsByAccount.clear();
    this.lastGrantMsByAccount.set(account, nowMs);
  }

  /** The grant taken at `atMs` was never given: the account may ask again at once. */
  giveBack(account: string, atMs: number): void {
    if (this.lastGrantMsByAccount.get(account) === atMs) this.lastGrantMsByAccount.delete(account);
  }
}
