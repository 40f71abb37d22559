// New money: a mint transaction signed by the node key and handed to the sealer, so that it is recorded,
// sealed and answered with a receipt like any payment. The faucet and the admin's mint both come through here.
import "server-only";
import { canonicalBytes } from "../../ledger/canonical";
import { LedgerError } from "../../ledger/errors";
import { computeTxId } from "../../ledger/hash";
import type { Transaction } from "../../ledger/types";
import { signWithNodeCrypto } from "../../crypto/ed25519";
import { writerOf, type LedgerNode } from "../node/context";
import type { AmountField, SubmitOutcome } from "./sealer";

/**
 * A refusal names the fields of the caller's body: `account`, and `amountField` when the body carries the
 * amount (the admin's mint: `amount`; the faucet's body has no amount, so its refusals name none).
 */
export async function submitMint(
  node: LedgerNode,
  mint: { account: string; amount: string; memo: string },
  amountField: AmountField | null = null,
): Promise<SubmitOutcome> {
  const { nodeKey, sealer } = writerOf(node);
  if (mint.account === nodeKey.publicKeyHex) {
    throw new LedgerError("invalid_request", "The node cannot pay itself.", "account");
  }
  const tx: Transaction = {
    type: "mint",
    chainId: node.chainId,
    from: nodeKey.publicKeyHex,
    to: mint.account,
    amount: mint.amount,
    memo: mint.memo,
    timestamp: new Date().toISOString(),
  };
  const signature = signWithNodeCrypto(nodeKey.privateKey, canonicalBytes(tx));
  return await sealer.submit({ txId: computeTxId(tx), signed: { tx, signature } }, amountField);
}
