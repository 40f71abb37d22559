// Registering a webhook endpoint for an account: the URL must pass the address check (http or https, and a
// public address unless WEBHOOKS_ALLOW_PRIVATE), the account and the node must be under their endpoint limits,
// and the answer carries the endpoint's secret, the one time it is ever shown.
import "server-only";
import { endpointsMax, endpointsPerAccountMax } from "../../../db/records/webhook-endpoints";
import { LedgerError } from "../../../ledger/errors";
import type { CreateEndpointBody, CreatedEndpointAnswer } from "../../../validations/webhooks";
import { writerOf, type LedgerNode } from "../../node/context";
import { checkEndpointUrl } from "../endpoint-address";
import { recordsOf } from "./endpoint-records";
import { endpointView } from "./webhook-views";

export async function registerEndpoint(node: LedgerNode, body: CreateEndpointBody): Promise<CreatedEndpointAnswer> {
  // A follower seals nothing, so it would deliver nothing: endpoints belong to the node it follows.
  writerOf(node);
  const check = await checkEndpointUrl(body.url, { allowPrivate: node.config.webhooks.allowPrivate });
  if (!check.ok) throw new LedgerError("invalid_request", `url: ${check.message}`, "url");
  const outcome = await recordsOf(node).create({ account: body.account, url: check.url.href, nowMs: Date.now() });
  if (!outcome.ok) {
    if (outcome.limit === "account") {
      const message = `account: has ${endpointsPerAccountMax} enabled endpoints already, the most one account may have; disable one first`;
      throw new LedgerError("invalid_request", message, "account");
    }
    const message = `The node has ${endpointsMax} enabled endpoints already, the most it serves; disable one first.`;
    throw new LedgerError("invalid_request", message);
  }
  return { endpoint: endpointView(outcome.endpoint), secret: outcome.secret };
}
