// The webhook records as the admin routes answer them: times as ISO 8601 UTC strings (bigints never reach JSON),
// and never an endpoint's secret.
import "server-only";
import type { WebhookDeliveryRecord, WebhookEndpointRecord } from "../../../db/records/webhook-endpoints";
import type { DeliveryView, EndpointView } from "../../../validations/webhooks";

const isoOf = (ms: bigint) => new Date(Number(ms)).toISOString();
const isoOrNull = (ms: bigint | null) => (ms === null ? null : isoOf(ms));

export function endpointView(record: WebhookEndpointRecord): EndpointView {
  return {
    id: record.id,
    account: record.account,
    url: record.url,
    createdAt: isoOf(record.createdAtMs),
    disabledAt: isoOrNull(record.disabledAtMs),
  };
}

export function deliveryView(record: WebhookDeliveryRecord): DeliveryView {
  return {
    txId: record.txId,
    blockHeight: record.blockHeight,
    status: record.status,
    attempts: record.attempts,
    createdAt: isoOf(record.createdAtMs),
    // Only a pending delivery has a next attempt: the time stored on the others means nothing any more.
    nextAttemptAt: record.status === "pending" ? isoOf(record.nextAttemptAtMs) : null,
    lastAttemptAt: isoOrNull(record.lastAttemptAtMs),
    lastStatusCode: record.lastStatusCode,
    lastError: record.lastError,
    deliveredAt: isoOrNull(record.deliveredAtMs),
  };
}
