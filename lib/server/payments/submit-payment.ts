// POST /api/payments: check a signed payment in the protocol's order (shape, already
// recorded, chain, timestamp, signature, balance) and hand it to the sealer.
import "server-only";
import { LedgerError } from "../../ledger/errors";
import { digestTransaction } from "../../ledger/hash";
import { isTimestampFresh } from "../../ledger/transaction";
import type { SignedTransaction, Transaction } from "../../ledger/types";
import { verifyWithNodeCryptoSync } from "../../crypto/ed25519";
import { writerOf, type LedgerNode } from "../node/context";
import { readRecordedReceipt } from "../transactions/read-receipt";
import type { SubmitOutcome } from "./sealer";

/** A payment that passed `precheckPayment`, its signature still to verify. */
export type Checked = { txId: string; signed: SignedTransaction; signedBytes: Uint8Array };

/** The checks that need neither the signature nor the ledger's balances. */
export async function precheckPayment(node: LedgerNode, signed: SignedTransaction): Promise<Checked | SubmitOutcome> {
  const { txId, bytes: signedBytes } = digestTransaction(signed.tx);
  // Already recorded is a success that returns the stored receipt, read in the same one read that asks.
  const recorded = await readRecordedReceipt(node.store, txId, node.nodePublicKey);
  if (recorded !== null) return { created: false, receipt: recorded };
  const problem = chainOrTimestampProblem(node, signed.tx, Date.now());
  if (problem !== null) throw problem;
  return { txId, signed, signedBytes };
}

/** The checks after the lookup that need neither the signature nor the balances: the chain, then the clock. */
export function chainOrTimestampProblem(node: LedgerNode, tx: Transaction, nowMs: number): LedgerError | null {
  if (tx.chainId !== node.chainId) {
    return new LedgerError("wrong_chain", `This node's chain is ${node.chainId}.`, "tx.chainId");
  }
  if (!isTimestampFresh(tx.timestamp, nowMs)) {
    return new LedgerError(
      "stale_timestamp",
      "The timestamp is more than 10 minutes from the node's clock.",
      "tx.timestamp",
    );
  }
  return null;
}

export const invalidSignature = () =>
  new LedgerError("invalid_signature", "The signature does not verify against the payer's key.", "signature");

export async function submitPayment(node: LedgerNode, signed: SignedTransaction): Promise<SubmitOutcome> {
  const { sealer } = writerOf(node);
  const checked = await precheckPayment(node, signed);
  if ("receipt" in checked) return checked;
  if (!verifyWithNodeCryptoSync(signed.tx.from, checked.signedBytes, signed.signature)) throw invalidSignature();
  return sealer.submit({ txId: checked.txId, signed });
}
