// The admin's other webhook operations: the endpoints (newest first), disabling one, a page of an endpoint's
// deliveries, and redelivering one.
import "server-only";
import { endpointsListMax } from "../../../db/records/webhook-endpoints";
import { LedgerError } from "../../../ledger/errors";
import {
  encodeDeliveryCursor,
  type DeliveriesAnswer,
  type DeliveryAnswer,
  type DeliveryCursor,
  type EndpointsAnswer,
  type EndpointView,
} from "../../../validations/webhooks";
import type { LedgerNode } from "../../node/context";
import { endpointOrThrow, recordsOf } from "./endpoint-records";
import { deliveryView, endpointView } from "./webhook-views";

/** Every endpoint (the limits keep them few), or one account's. */
export async function listEndpoints(node: LedgerNode, account?: string): Promise<EndpointsAnswer> {
  const endpoints = await recordsOf(node).list({ limit: endpointsListMax, account });
  return { endpoints: endpoints.map(endpointView) };
}

/** Disables an endpoint: it gets no new deliveries. Disabling a disabled one changes nothing and says so as ok. */
export async function disableEndpoint(node: LedgerNode, id: string): Promise<{ endpoint: EndpointView }> {
  await endpointOrThrow(node, id);
  await recordsOf(node).disable(id, Date.now());
  return { endpoint: endpointView(await endpointOrThrow(node, id)) };
}

export async function listDeliveries(
  node: LedgerNode,
  id: string,
  page: { limit: number; cursor?: DeliveryCursor },
): Promise<DeliveriesAnswer> {
  const endpoint = await endpointOrThrow(node, id);
  const { deliveries, next } = await recordsOf(node).deliveriesPage({
    endpointId: id,
    limit: page.limit,
    after: page.cursor,
  });
  return {
    endpoint: endpointView(endpoint),
    deliveries: deliveries.map(deliveryView),
    nextCursor: next === null ? null : encodeDeliveryCursor(next),
  };
}

/** Makes one delivery due now, its attempts starting over; a disabled endpoint gets none. */
export async function redeliver(node: LedgerNode, id: string, txId: string): Promise<DeliveryAnswer> {
  const endpoint = await endpointOrThrow(node, id);
  if (endpoint.disabledAtMs !== null)
    throw new LedgerError("invalid_request", "This endpoint is disabled: it gets no deliveries.");
  const records = recordsOf(node);
  if (!(await records.redeliver(id, txId, Date.now())))
    throw new LedgerError("not_found", `Endpoint ${id} has no delivery of transaction ${txId}.`);
  const delivery = await records.findDelivery(id, txId);
  if (delivery === null) throw new LedgerError("not_found", `Endpoint ${id} has no delivery of transaction ${txId}.`);
  return { delivery: deliveryView(delivery) };
}
