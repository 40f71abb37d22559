// GET /api/events – Server-Sent Events: a `block` event for each new block, replay after Last-Event-ID. Past the
// node's or the client's cap of open streams: 503 `overloaded` with a retry-after.
import { LedgerError } from "@/lib/ledger/errors";
import { heightPattern } from "@/lib/ledger/limits";
import { openBlockEventStream } from "@/lib/server/events/open-block-events";
import { clientAddressOf } from "@/lib/server/http/client-address";
import { otherMethods, route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

const eventStreamHeaders = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-store, no-transform",
  connection: "keep-alive",
  // Proxies such as nginx would otherwise hold events back until their buffer fills.
  "x-accel-buffering": "no",
};

export const GET = route(async ({ request, node }) => {
  const lastEventId = parseLastEventId(request.headers.get("last-event-id"));
  const stream = await openBlockEventStream(node, {
    client: clientAddressOf(request),
    lastEventId,
    signal: request.signal,
  });
  return new Response(stream, { headers: eventStreamHeaders });
});

/** A reconnecting client's last height; an absent or empty header means it starts from now. */
function parseLastEventId(header: string | null): number | undefined {
  if (header === null || header === "") return undefined;
  if (!heightPattern.test(header)) {
    throw new LedgerError("invalid_request", "Last-Event-ID must be a block height", "Last-Event-ID");
  }
  return Number(header);
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
