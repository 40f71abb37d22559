// Plain words for every protocol error a wallet can meet, and the form field each one belongs to. The words are
// message keys (`walletErrors` area, `node.<code>`), so the component says them in the reader's language.
import type { ErrorBody, ErrorCode } from "../ledger/errors";
import { walletMessage, type WalletMessage } from "./wallet-message";

export type PaymentField = "recipient" | "amount" | "memo" | "form";

const fieldByPath: Record<string, PaymentField> = { "tx.to": "recipient", "tx.amount": "amount", "tx.memo": "memo" };

/** Where to show a refused payment's error, and what to say. */
export function describePaymentError(error: ErrorBody["error"]): { field: PaymentField; message: WalletMessage } {
  const field = (error.field !== undefined ? fieldByPath[error.field] : undefined) ?? "form";
  if (error.code === "invalid_request" && error.field !== undefined) {
    // The node's own message names the rule in English; the wallet's checks name the same rules before sending,
    // so a field the node still refuses is said in the reader's words, beside the field.
    if (field !== "form") return { field, message: walletMessage(`refusedField.${field}`) };
  }
  return { field: error.code === "insufficient_funds" ? "amount" : field, message: messageFor(error.code) };
}

export function messageFor(code: ErrorCode): WalletMessage {
  return walletMessage(`node.${code}`);
}
