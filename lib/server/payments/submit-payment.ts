// POST /api/payments and /api/payments/batch: check a signed payment in the protocol's order (shape, already
// recorded, chain, timestamp, signature, balance) and hand it to the sealer.
import "server-only";
import { LedgerError, type ErrorBody } from "../../ledger/errors";
import { digestTransaction } from "../../ledger/hash";
import { isTimestampFresh } from "../../ledger/transaction";
import type { Receipt, SignedTransaction } from "../../ledger/types";
import { signedPaymentSchema } from "../../validations/transaction";
import { verifyWithNodeCrypto } from "../../crypto/ed25519";
import { zodToLedgerError } from "../http/errors";
import { writerOf, type LedgerNode } from "../node/context";
import { readRecordedReceipt } from "../transactions/read-receipt";
import type { SubmitOutcome } from "./sealer";
import { getVerifyPool } from "../../crypto/verify-pool";

type Checked = { txId: string; signed: SignedTransaction; signedBytes: Uint8Array };

/** The checks that need neither the signature nor the ledger's balances. */
async function precheck(node: LedgerNode, signed: SignedTransaction): Promise<Checked | SubmitOutcome> {
  const { txId, bytes: signedBytes } = digestTransaction(signed.tx);
  // Already recorded is a success that returns the stored receipt, read in the same one read that asks.
  const recorded = await readRecordedReceipt(node.store, txId, node.nodePublicKey);
  if (recorded !== null) return { created: false, receipt: recorded };
  if (signed.tx.chainId !== node.chainId) {
    throw new LedgerError("wrong_chain", `This node's chain is ${node.chainId}.`, "tx.chainId");
  }
  if (!isTimestampFresh(signed.tx.timestamp, Date.now())) {
    throw new LedgerError(
      "stale_timestamp",
      "The timestamp is more than 10 minutes from the node's clock.",
      "tx.timestamp",
    );
  }
  return { txId, signed, signedBytes };
}

const invalidSignature = () =>
  new LedgerError("invalid_signature", "The signature does not verify against the payer's key.", "signature");

export async function submitPayment(node: LedgerNode, signed: SignedTransaction): Promise<SubmitOutcome> {
  const { sealer } = writerOf(node);
  const checked = await precheck(node, signed);
  if ("receipt" in checked) return checked;
  if (!verifyWithNodeCrypto(signed.tx.from, checked.signedBytes, signed.signature)) throw invalidSignature();
  return sealer.submit({ txId: checked.txId, signed });
}

export type BatchResult = { created: boolean; receipt: Receipt } | ErrorBody;

/** Each item stands alone, as if sent by itself; signatures are verified on all cores at once. */
export async function submitBatch(node: LedgerNode, items: readonly unknown[]): Promise<BatchResult[]> {
  const { sealer } = writerOf(node);
  const prechecked = await Promise.all(
    items.map(async (item): Promise<Checked | SubmitOutcome | LedgerError> => {
      const parsed = signedPaymentSchema.safeParse(item);
      if (!parsed.success) return zodToLedgerError(parsed.error);
      try {
        return await precheck(node, parsed.data);
      } catch (error) {
        if (error instanceof LedgerError) return error;
        throw error;
      }
    }),
  );
  const toVerify = prechecked.filter(
    (entry): entry is Checked => !(entry instanceof LedgerError) && !("receipt" in entry),
  );
  const verdicts = await getVerifyPool().verify(
    toVerify.map(({ signed, signedBytes }) => ({
      publicKey: signed.tx.from,
      message: signedBytes,
      signature: signed.signature,
    })),
  );
  const isValid = new Map(toVerify.map((entry, index) => [entry, verdicts[index]!]));
  return Promise.all(
    prechecked.map(async (entry): Promise<BatchResult> => {
      if (entry instanceof LedgerError) return entry.toBody();
      if ("receipt" in entry) return entry;
      if (!isValid.get(entry)) return invalidSignature().toBody();
      try {
        return await sealer.submit({ txId: entry.txId, signed: entry.signed });
      } catch (error) {
        if (error instanceof LedgerError) return error.toBody();
        throw error;
      }
    }),
  );
}
