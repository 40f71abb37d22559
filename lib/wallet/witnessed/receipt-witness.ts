// The witnessed state of one receipt, for the receipt page: the witnessed receipt this browser kept, or the
// node's answer, verified under the policy pinned with the node key.
import { verifyWithWebCrypto } from "../../ledger/ed25519";
import type { Receipt } from "../../ledger/types";
import { nodeClient } from "../node-client";
import { readPolicyPin, decidePolicyPin } from "./policy-pin";
import { rememberWitnessedReceipt, storedWitnessedReceipt } from "./receipt-store";
import { witnessStatusOf, type WitnessStatus } from "./witnessed-status";

/** Null when this browser has no policy pinned for the node key (the wallet pins it on its first visit). */
export async function witnessOfReceipt(receipt: Receipt, nodePublicKey: string): Promise<WitnessStatus | null> {
  const pin = readPolicyPin();
  if (pin === null) return null;
  const decision = decidePolicyPin(pin, pin.policyText, nodePublicKey);
  if (decision.kind !== "same") return null;
  const kept = storedWitnessedReceipt(receipt.txId);
  let body: unknown = { witnessed: kept };
  if (kept === null) {
    const answer = await nodeClient.witnessed(receipt.txId);
    if (answer.kind !== "ok") return { kind: "sealed" };
    body = answer.body;
  }
  const status = await witnessStatusOf({
    answer: body,
    storedReceipt: receipt,
    txId: receipt.txId,
    policy: decision.policy,
    nowMs: Date.now(),
    verify: verifyWithWebCrypto,
  });
  if (status.kind === "witnessed" || status.kind === "node-alone") rememberWitnessedReceipt(status.witnessed);
  return status;
}
