// POST /api/payments/batch: many signed payments, each checked as POST /api/payments checks one, their
// signatures verified together on every core.
import "server-only";
import { LedgerError, type ErrorBody } from "../../ledger/errors";
import type { Receipt } from "../../ledger/types";
import { signedPaymentSchema } from "../../validations/transaction";
import { getVerifyPool } from "../../crypto/verify-pool";
import { zodToLedgerError } from "../http/errors";
import { writerOf, type LedgerNode } from "../node/context";
import type { SubmitOutcome } from "./sealer";
import { invalidSignature, precheckPayment, type Checked } from "./submit-payment";

export type BatchResult = { created: boolean; receipt: Receipt } | ErrorBody;

/** Each item stands alone, as if sent by itself; signatures are verified on all cores at once. */
export async function submitBatch(node: LedgerNode, items: readonly unknown[]): Promise<BatchResult[]> {
  const { sealer } = writerOf(node);
  const prechecked = await Promise.all(
    items.map(async (item): Promise<Checked | SubmitOutcome | LedgerError> => {
      const parsed = signedPaymentSchema.safeParse(item);
      if (!parsed.success) return zodToLedgerError(parsed.error);
      try {
        return await precheckPayment(node, parsed.data);
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
