// Settings an admin can change while the node runs, kept in the database so that every process agrees.
import "server-only";
import type { LedgerStore } from "../../db/ledger-store";
import type { LedgerNode } from "../node/context";

const faucetEnabledKey = "faucetEnabled";

export async function isFaucetEnabled(node: LedgerNode): Promise<boolean> {
  // A follower signs nothing, so it has no faucet.
  if (node.writer === null || node.config.faucetAmountMinor === 0n) return false;
  return isFaucetSwitchedOn(node.store);
}

/** What the admins last chose; on until one switches it off. */
export async function isFaucetSwitchedOn(store: Pick<LedgerStore, "readSetting">): Promise<boolean> {
  const setting = await store.readSetting(faucetEnabledKey);
  return setting === null ? true : setting === "true";
}

export async function setFaucetEnabled(node: LedgerNode, isEnabled: boolean): Promise<void> {
  await node.store.writeSetting(faucetEnabledKey, String(isEnabled));
}
