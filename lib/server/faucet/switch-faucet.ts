// POST /api/admin/faucet: an admin switches the faucet on or off, for every process on this data directory.
import "server-only";
import { LedgerError } from "../../ledger/errors";
import type { LedgerNode } from "../node/context";
import { isFaucetEnabled, setFaucetEnabled } from "./faucet-setting";

export type FaucetState = { enabled: boolean; amount: string };

export async function switchFaucet(node: LedgerNode, isEnabled: boolean): Promise<FaucetState> {
  // With FAUCET_AMOUNT=0 there is nothing to give: switching it on would be a promise the node cannot keep.
  if (isEnabled && node.config.faucetAmountMinor === 0n) {
    throw new LedgerError("invalid_request", "The faucet cannot be switched on while FAUCET_AMOUNT is 0.", "enabled");
  }
  await setFaucetEnabled(node, isEnabled);
  return { enabled: await isFaucetEnabled(node), amount: node.config.faucetAmountMinor.toString() };
}
