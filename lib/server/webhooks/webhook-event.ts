// The event one delivery posts, in the Standard Webhooks payload shape (`type`, `timestamp`, `data`). Built from the
// stored block and transaction only, so that every attempt of a delivery posts the very same bytes.
import "server-only";

export const paymentSealedType = "payment.sealed";

export type WebhookEventData = {
  txId: string;
  blockHeight: number;
  blockHash: string;
  from: string;
  to: string;
  /** Minor units as a decimal string, as on the wire. */
  amount: string;
  memo: string | null;
  /** The endpoint's account, and whether the payment came into it or went out of it. */
  account: string;
  direction: "in" | "out";
};

export type WebhookEvent = { type: typeof paymentSealedType; timestamp: string; data: WebhookEventData };

export type EventSource = {
  txId: string;
  blockHeight: number;
  blockHash: string;
  /** The block's timestamp (ISO 8601): when the payment was sealed. */
  sealedAt: string;
  from: string;
  to: string;
  amountMinor: bigint;
  memo: string | null;
  account: string;
};

export function webhookEventOf(source: EventSource): WebhookEvent {
  return {
    type: paymentSealedType,
    timestamp: source.sealedAt,
    data: {
      txId: source.txId,
      blockHeight: source.blockHeight,
      blockHash: source.blockHash,
      from: source.from,
      to: source.to,
      amount: source.amountMinor.toString(),
      memo: source.memo,
      account: source.account,
      // A payment to oneself went out of the account (and came back): "out" is the one that needs a look.
      direction: source.from === source.account ? "out" : "in",
    },
  };
}
