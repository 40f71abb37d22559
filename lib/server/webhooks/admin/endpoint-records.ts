// The webhook records over the node's own database, and the endpoint lookups every admin route shares.
import "server-only";
import { webhookRecords, type WebhookEndpointRecord, type WebhookRecords } from "../../../db/records/webhook-endpoints";
import { LedgerError } from "../../../ledger/errors";
import type { LedgerNode } from "../../node/context";

export function recordsOf(node: LedgerNode): WebhookRecords {
  return webhookRecords(node.config.databaseUrl, node.config.postgresTimeouts);
}

/** The endpoint of that id, or the protocol's not_found. */
export async function endpointOrThrow(node: LedgerNode, id: string): Promise<WebhookEndpointRecord> {
  const endpoint = await recordsOf(node).find(id);
  if (endpoint === null) throw new LedgerError("not_found", `No webhook endpoint has the id ${id}.`);
  return endpoint;
}
