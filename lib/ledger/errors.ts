// The protocol's error codes and their HTTP statuses: one map, used by the node and by the wallet.

export const errorStatusByCode = {
  /** The body is not JSON at all. */
  invalid_json: 400,
  /** The body is JSON but not the shape the route takes; `field` names the part at fault. */
  invalid_request: 400,
  /** The signature does not verify against the signer's key. */
  invalid_signature: 400,
  /** The transaction names another chain than this node's. */
  wrong_chain: 400,
  /** The transaction's timestamp is more than ten minutes from the node's clock. */
  stale_timestamp: 400,
  /** The payment would make the payer's balance negative. */
  insufficient_funds: 409,
  /** The mint would take the total supply past 2^63 − 1 minor units (not in PROTOCOL.md v2: a node's own limit). */
  supply_exceeded: 409,
  /** No block, transaction or route of that name. */
  not_found: 404,
  /** An admin call without a valid token or session. */
  unauthorized: 401,
  /** The faucet is switched off on this node. */
  faucet_disabled: 403,
  /** The body is larger than the route accepts. */
  payload_too_large: 413,
  /** The body is not declared as application/json. */
  unsupported_media_type: 415,
  /** Too many requests of this kind from this client or for this account. */
  rate_limited: 429,
  /** More payments are waiting to be sealed than the node queues. */
  overloaded: 503,
  /** A bug or an outage on the node's side; the message exposes nothing. */
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof errorStatusByCode;

export type ErrorBody = { error: { code: ErrorCode; message: string; field?: string } };

/** An expected, answered failure: bad input or a refused operation. Never a bug. */
export class LedgerError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = "LedgerError";
    this.code = code;
    this.field = field;
  }

  get status(): number {
    return errorStatusByCode[this.code];
  }

  toBody(): ErrorBody {
    return {
      error: { code: this.code, message: this.message, ...(this.field === undefined ? {} : { field: this.field }) },
    };
  }
}

/** A broken invariant is a bug: stop rather than write a wrong ledger. */
export function assert(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}
