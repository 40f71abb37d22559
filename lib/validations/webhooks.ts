// zod schemas and wire shapes for the admin's webhook routes (issue 12), shared by the route handlers and the
// explorer's webhooks page. Out-of-range values are refused, never clamped (PROTOCOL.md).
import { z } from "zod";
import { limitSchema } from "./pagination";
import { accountKeySchema, hex64Schema } from "./transaction";

/** `ep_` and 24 hex digits (96 random bits): unguessable, and safe in a URL path as it is. */
export const endpointIdPattern = /^ep_[0-9a-f]{24}$/;
/** An endpoint URL longer than this is a mistake, not an address (browsers and proxies cut URLs near 2 KiB). */
export const endpointUrlLengthMax = 2048;
/** Deliveries per page: 20 unless asked, at most 100. */
export const deliveriesPageDefault = 20;
export const deliveriesPageMax = 100;

export const createEndpointBodySchema = z.strictObject({
  account: accountKeySchema,
  url: z
    .string("must be a URL")
    .min(1, "must not be empty")
    .max(endpointUrlLengthMax, `must be at most ${endpointUrlLengthMax} characters`),
});
export type CreateEndpointBody = z.infer<typeof createEndpointBodySchema>;

/** `?account=<hex64>` narrows the list to one account's endpoints. */
export const endpointsQuerySchema = z.object({ account: accountKeySchema.optional() });

export const endpointIdSchema = z.string().regex(endpointIdPattern, "must be an endpoint id (ep_ and 24 hex digits)");

/** The txId of a delivery, in the redeliver path. */
export const deliveryTxIdSchema = hex64Schema;

/**
 * A deliveries cursor: `<createdAtMs>-<txId>` of the last delivery of the previous page, opaque to clients. The
 * txId is part of it because the deliveries of one block share their createdAtMs.
 */
const cursorPattern = /^(0|[1-9][0-9]{0,15})-([0-9a-f]{64})$/;

export type DeliveryCursor = { createdAtMs: bigint; txId: string };

export const encodeDeliveryCursor = (cursor: DeliveryCursor) => `${cursor.createdAtMs}-${cursor.txId}`;

export const deliveryCursorSchema = z
  .string()
  .regex(cursorPattern, "must be the nextCursor of a previous page")
  .transform((text): DeliveryCursor => {
    const [, createdAtMs = "0", txId = ""] = cursorPattern.exec(text) ?? [];
    return { createdAtMs: BigInt(createdAtMs), txId };
  });

export const deliveriesQuerySchema = z.object({
  cursor: deliveryCursorSchema.optional(),
  limit: limitSchema(deliveriesPageMax, deliveriesPageDefault),
});

/** An endpoint as the routes answer it: never its secret, except in the one answer that creates it. */
export type EndpointView = {
  id: string;
  account: string;
  url: string;
  /** ISO 8601 UTC. */
  createdAt: string;
  disabledAt: string | null;
};

export type DeliveryStatus = "pending" | "delivered" | "failed";

export type DeliveryView = {
  txId: string;
  blockHeight: number;
  status: DeliveryStatus;
  attempts: number;
  createdAt: string;
  /** When the next attempt is due; null once the delivery is delivered or has failed for good. */
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  /** The HTTP status the last attempt got, or null when it got no answer (lastError says why). */
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
};

export type CreatedEndpointAnswer = { endpoint: EndpointView; secret: string };
export type EndpointsAnswer = { endpoints: EndpointView[] };
export type DeliveriesAnswer = { endpoint: EndpointView; deliveries: DeliveryView[]; nextCursor: string | null };
export type DeliveryAnswer = { delivery: DeliveryView };
