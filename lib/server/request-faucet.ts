// POST /api/faucet: test funds, as a mint signed by the node, rate-limited per account.
import "server-only";
import { canonicalBytes } from "../ledger/canonical";
import { LedgerError } from "../ledger/errors";
import { computeTxId } from "../ledger/hash";
import type { Transaction } from "../ledger/types";
import { signWithNodeCrypto } from "./ed25519";
import type { LedgerNode } from "./node";
import type { SubmitOutcome } from "./sealer";
import { isFaucetEnabled } from "./settings";

// The rate limit lives in memory: it is a courtesy against a wallet stuck in a loop, not a security boundary.
const faucetAccountsTrackedMax = 100_000;
const lastGrantMsByAccount = new Map<string, number>();

export async function requestFaucet(node: LedgerNode, account: string): Promise<SubmitOutcome> {
  if (!(await isFaucetEnabled(node))) throw new LedgerError("faucet_disabled", "The faucet is switched off on this node.");
  if (account === node.nodeKey.publicKeyHex) {
    throw new LedgerError("invalid_request", "The node cannot pay itself.", "account");
  }
  const nowMs = Date.now();
  const lastMs = lastGrantMsByAccount.get(account);
  if (lastMs !== undefined && nowMs - lastMs < node.config.faucetIntervalMs) {
    const waitSeconds = Math.ceil((node.config.faucetIntervalMs - (nowMs - lastMs)) / 1000);
    throw new LedgerError("rate_limited", `This account had test funds moments ago; try again in ${waitSeconds} s.`, "account");
  }
  if (lastGrantMsByAccount.size >= faucetAccountsTrackedMax) lastGrantMsByAccount.clear();
  lastGrantMsByAccount.set(account, nowMs);
  const tx: Transaction = {
    type: "mint",
    chainId: node.chainId,
    from: node.nodeKey.publicKeyHex,
    to: account,
    amount: node.config.faucetAmountMinor.toString(),
    memo: "faucet",
    timestamp: new Date(nowMs).toISOString(),
  };
  const signature = signWithNodeCrypto(node.nodeKey.privateKey, canonicalBytes(tx));
  try {
    return await node.sealer.submit({ txId: computeTxId(tx), signed: { tx, signature } });
  } catch (error) {
    lastGrantMsByAccount.delete(account);
    throw error;
  }
}
