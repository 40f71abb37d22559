// POST /api/faucet: test funds, as a mint signed by the node, rate-limited per account and within the hourly
// budgets per client and in all (faucet-budget.ts).
import "server-only";
import { LedgerError } from "../../ledger/errors";
import type { LedgerNode } from "../node/context";
import type { SubmitOutcome } from "../payments/sealer";
import { isFaucetEnabled } from "./faucet-setting";
import { submitMint } from "../payments/submit-mint";
import { sharedLimitsOf } from "../workers/shared-limits";

/** `client` is the requester's address (clientAddressOf), which the per-client budget counts against. */
export async function requestFaucet(node: LedgerNode, account: string, client: string): Promise<SubmitOutcome> {
  if (!(await isFaucetEnabled(node)))
    throw new LedgerError("faucet_disabled", "The faucet is switched off on this node.");
  const limits = sharedLimitsOf(node);
  const budgets = { perClientMax: node.config.faucetHourlyPerClientMax, totalMax: node.config.faucetHourlyTotalMax };
  // The account's pace, then the hourly budgets (limits-host.ts).
  const reservation = await limits.reserveFaucet({
    budgets,
    intervalMs: node.config.faucetIntervalMs,
    account,
    client,
    nowMs: Date.now(),
  });
  try {
    return await submitMint(node, { account, amount: node.config.faucetAmountMinor.toString(), memo: "faucet" });
  } catch (error) {
    await limits.refundFaucet(budgets, reservation);
    throw error;
  }
}
