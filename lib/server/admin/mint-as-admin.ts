// POST /api/admin/mint: new money an admin asked for, signed by the node key and recorded like any transaction.
import "server-only";
import type { MintBody } from "../../validations/admin";
import type { LedgerNode } from "../node/context";
import type { SubmitOutcome } from "../payments/sealer";
import { submitMint } from "../payments/submit-mint";

/** The memo that tells an admin's mints from the faucet's in the chain. */
export const adminMintMemo = "admin mint";

export function mintAsAdmin(node: LedgerNode, { account, amount }: MintBody): Promise<SubmitOutcome> {
  return submitMint(node, { account, amount, memo: adminMintMemo }, "amount");
}
