// Plain words for every protocol error a wallet can meet, and the form field each one belongs to.
import type { ErrorBody, ErrorCode } from "../ledger/errors";

export type PaymentField = "recipient" | "amount" | "memo" | "form";

const messages: Record<ErrorCode, string> = {
  invalid_json: "The wallet sent something the node could not read. Reload the page and try again.",
  invalid_request: "The node refused this payment as malformed.",
  invalid_signature: "The node could not verify this wallet's signature, so nothing was paid.",
  wrong_chain: "This wallet signed for a different chain than this node's. Reload the page and try again.",
  stale_timestamp: "Your device's clock is more than 10 minutes off. Set it right, then pay again.",
  insufficient_funds: "Your balance does not cover this amount.",
  supply_exceeded: "The node has minted all the money it can hold; no more test funds can be made.",
  not_found: "The node does not know this.",
  unauthorized: "This needs an administrator.",
  faucet_disabled: "The faucet is switched off on this node.",
  payload_too_large: "This payment is too large to send.",
  unsupported_media_type: "The wallet sent the payment in a form the node does not take.",
  rate_limited: "Too many requests just now. Wait a moment and try again.",
  overloaded: "The node is busy. Your payment was not sent; try again in a moment.",
  internal_error: "The node failed to answer. Try again in a moment.",
};

const fieldByPath: Record<string, PaymentField> = { "tx.to": "recipient", "tx.amount": "amount", "tx.memo": "memo" };

/** Where to show a refused payment's error, and what to say. */
export function describePaymentError(error: ErrorBody["error"]): { field: PaymentField; message: string } {
  const field = (error.field !== undefined ? fieldByPath[error.field] : undefined) ?? "form";
  if (error.code === "invalid_request" && error.field !== undefined) {
    // The node's own message names the rule that was broken; drop its field prefix, the form shows the field.
    return { field, message: capitalise(error.message.replace(/^[\w.]+: /, "")) };
  }
  return {
    field: error.code === "insufficient_funds" ? "amount" : field,
    message: messages[error.code] ?? error.message,
  };
}

export function messageFor(code: ErrorCode): string {
  return messages[code];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
