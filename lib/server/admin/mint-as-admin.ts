// POST /api/admin/mint: new money an admin asked for, signed by the node key and recorded like any transaction.
import "server-only";
import { LedgerError } from "../../ledger/errors";
import type { MintBody } from "../../validations/admin";
import type { LedgerNode } from "../node/context";
import type { SubmitOutcome } from "../payments/sealer";
import { submitMint } from "../payments/submit-mint";

/** The memo that tells an admin's mints from the faucet's in the chain. */
export const adminMintMemo = "admin mint";

export async function mintAsAdmin(node: LedgerNode, { account, amount }: MintBody): Promise<SubmitOutcome> {
  try {
    return await submitMint(node, { account, amount, memo: adminMintMemo });
  } catch (error) {
    // The sealer names the field of the signed transaction; in this request's body it is `amount`.
    if (error instanceof LedgerError && error.field === "tx.amount")
      throw new LedgerError(error.code, error.message, "amount");
    throw error;
  }
}
