// Signing and sending payments so that no click, retry or reload ever pays twice: a payment is signed once,
// kept in an outbox until the node has answered it, and only that same signed payment is ever resent (the node
// records a txId once and answers a repeat with the stored receipt).
import { canonicalBytes } from "../ledger/canonical";
import { signWithWebCrypto, verifyWithWebCrypto } from "../ledger/ed25519";
import { computeTxId } from "../ledger/hash";
import { verifyReceipt, type ReceiptVerification } from "../ledger/receipt";
import type { SignedTransaction, Transaction } from "../ledger/types";
import { receiptSchema } from "../validations/block";
import { paymentTransactionSchema } from "../validations/transaction";

export type OutboxEntry = { txId: string; signed: SignedTransaction };

const outboxKey = (publicKey: string) => `chainpay:outbox:${publicKey}`;

export async function signPayment(input: {
  privateKey: CryptoKey;
  chainId: string;
  from: string;
  to: string;
  amountMinor: bigint;
  memo: string;
}): Promise<OutboxEntry> {
  const tx: Transaction = {
    type: "payment",
    chainId: input.chainId,
    from: input.from,
    to: input.to,
    amount: input.amountMinor.toString(),
    ...(input.memo === "" ? {} : { memo: input.memo }),
    timestamp: new Date().toISOString(),
  };
  // The form has checked every field with the route's own rules, so a payment the node would refuse as
  // malformed is a bug in the wallet: it stops here, before anything is signed or kept in the outbox.
  const problem = paymentTransactionSchema.safeParse(tx).error;
  if (problem !== undefined) throw new Error(`The wallet built a payment the node would refuse: ${problem.message}`);
  const signature = await signWithWebCrypto(input.privateKey, canonicalBytes(tx));
  return { txId: computeTxId(tx), signed: { tx, signature } };
}

export function readOutbox(publicKey: string): OutboxEntry[] {
  try {
    const entries = JSON.parse(localStorage.getItem(outboxKey(publicKey)) ?? "[]") as OutboxEntry[];
    return Array.isArray(entries) ? entries : [];
  } catch {
    return [];
  }
}

export function addToOutbox(publicKey: string, entry: OutboxEntry): void {
  const entries = readOutbox(publicKey).filter((item) => item.txId !== entry.txId);
  localStorage.setItem(outboxKey(publicKey), JSON.stringify([...entries, entry]));
}

export function removeFromOutbox(publicKey: string, txId: string): void {
  const entries = readOutbox(publicKey).filter((item) => item.txId !== txId);
  localStorage.setItem(outboxKey(publicKey), JSON.stringify(entries));
}

/**
 * The node's receipt for `entry`, checked before the wallet says "Paid": it must be for this very payment, well
 * formed, and verify (lib/ledger/receipt.ts) under the node key this browser trusts. A hostile node could answer
 * with anything; only a receipt that verifies proves the payment was recorded. It never throws: a check that
 * cannot run is a check that failed.
 */
export async function verifyPaymentReceipt(
  entry: OutboxEntry,
  receipt: unknown,
  trustedNodeKey: () => Promise<string>,
): Promise<ReceiptVerification> {
  const parsed = receiptSchema.safeParse(receipt);
  const wellFormed = { name: "The receipt is well formed", ok: parsed.success };
  if (!parsed.success) return { ok: false, checks: [wellFormed] };
  const forThisPayment = {
    name: "The receipt is for the payment this wallet signed",
    ok: parsed.data.txId === entry.txId,
  };
  let verification: ReceiptVerification;
  try {
    verification = await verifyReceipt(parsed.data, await trustedNodeKey(), verifyWithWebCrypto);
  } catch {
    verification = {
      ok: false,
      checks: [{ name: "The receipt could be checked against the trusted node key", ok: false }],
    };
  }
  const checks = [wellFormed, forThisPayment, ...verification.checks];
  return { ok: checks.every((check) => check.ok), checks };
}
