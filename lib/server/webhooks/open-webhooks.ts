// The webhook delivery loop as the node carries it: started once when the node that seals is assembled (never per
// request, never on a follower, whose replica's outbox is the followed node's business).
import "server-only";
import { webhookOutbox } from "../../db/records/webhook-outbox";
import type { NodeConfig } from "../node/env";
import { WebhookDeliveryLoop } from "./delivery-loop";

export function openWebhookDeliveries(config: NodeConfig): WebhookDeliveryLoop {
  const loop = new WebhookDeliveryLoop({
    outbox: webhookOutbox(config.databaseUrl, config.postgresTimeouts),
    allowPrivate: config.webhooks.allowPrivate,
    retryScale: config.webhooks.retryScale,
  });
  loop.start();
  return loop;
}
