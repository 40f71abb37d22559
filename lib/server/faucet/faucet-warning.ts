// The warning `npm start` prints while the faucet is on: the faucet is on by default, which suits a test chain
// and nothing else, and an operator who starts a real chain as the README says must not miss that.
import "server-only";
import { formatMinorUnits } from "../../ledger/amount";
import type { LedgerStore } from "../../db/ledger-store";
import type { NodeConfig } from "../node/env";
import { isFaucetSwitchedOn } from "./faucet-setting";

/** The warning, or null while the faucet is off (FAUCET_AMOUNT=0, or switched off by an admin). */
export async function faucetStartWarning(
  config: NodeConfig,
  store: Pick<LedgerStore, "readSetting">,
): Promise<string | null> {
  if (config.faucetAmountMinor === 0n || !(await isFaucetSwitchedOn(store))) return null;
  const amount = `${formatMinorUnits(config.faucetAmountMinor, config.currency.decimals)} ${config.currency.code}`;
  const budget = (grants: number) => (grants === 0 ? "no limit" : `${grants} grants`);
  return (
    `chainpay: WARNING the faucet is on: anyone may mint ${amount} to any account (hourly budgets: ` +
    `${budget(config.faucetHourlyPerClientMax)} per client, ${budget(config.faucetHourlyTotalMax)} in all). ` +
    `On a chain whose money is worth anything, set FAUCET_AMOUNT=0.`
  );
}

/** Prints the warning while the faucet is on; scripts/server/start.ts calls it once the data directory is prepared. */
export async function warnWhileFaucetIsOn(config: NodeConfig, store: Pick<LedgerStore, "readSetting">): Promise<void> {
  const warning = await faucetStartWarning(config, store);
  if (warning !== null) console.warn(warning);
}
