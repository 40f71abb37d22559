// POST /api/faucet: test funds, as a mint signed by the node, rate-limited per account and within the hourly
// budgets per client and in all (faucet-budget.ts).
import "server-only";
import { LedgerError } from "../../ledger/errors";
import type { LedgerNode } from "../node/context";
import type { SubmitOutcome } from "../payments/sealer";
import { faucetBudgetOf } from "./faucet-budget";
import { isFaucetEnabled } from "./faucet-setting";
import { submitMint } from "../payments/submit-mint";

// The rate limit lives in memory: it is a courtesy against a wallet stuck in a loop, not a security boundary.
const faucetAccountsTrackedMax = 100_000;
const lastGrantMsByAccount = new Map<string, number>();

/** `client` is the requester's address (clientAddressOf), which the per-client budget counts against. */
export async function requestFaucet(node: LedgerNode, account: string, client: string): Promise<SubmitOutcome> {
  if (!(await isFaucetEnabled(node)))
    throw new LedgerError("faucet_disabled", "The faucet is switched off on this node.");
  const nowMs = Date.now();
  const lastMs = lastGrantMsByAccount.get(account);
  if (lastMs !== undefined && nowMs - lastMs < node.config.faucetIntervalMs) {
    const waitSeconds = Math.ceil((node.config.faucetIntervalMs - (nowMs - lastMs)) / 1000);
    throw new LedgerError(
      "rate_limited",
      `This account had test funds moments ago; try again in ${waitSeconds} s.`,
      "account",
    );
  }
  // After the account's limit, so that a request refused for its account spends nothing of the budgets.
  const budget = faucetBudgetOf(node);
  const grant = budget.reserve(client, nowMs);
  if (lastGrantMsByAccount.size >= faucetAccountsTrackedMax) lastGrantMsByAccount.clear();
  lastGrantMsByAccount.set(account, nowMs);
  try {
    return await submitMint(node, { account, amount: node.config.faucetAmountMinor.toString(), memo: "faucet" });
  } catch (error) {
    lastGrantMsByAccount.delete(account);
    budget.refund(grant);
    throw error;
  }
}
