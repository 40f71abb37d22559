// GET /api/events – Server-Sent Events: a `block` event for each new block, replay after Last-Event-ID.
import { heightPattern } from "@/lib/ledger/limits";
import { LedgerError } from "@/lib/ledger/errors";
import { openBlockEventStream } from "@/lib/server/events/block-events";
import { route } from "@/lib/server/http/route";
import { getNode } from "@/lib/server/node/context";

export const dynamic = "force-dynamic";

export const GET = route(async (request) => {
  const lastEventIdHeader = request.headers.get("last-event-id");
  let lastEventId: number | undefined;
  if (lastEventIdHeader !== null && lastEventIdHeader !== "") {
    if (!heightPattern.test(lastEventIdHeader)) {
      throw new LedgerError("invalid_request", "Last-Event-ID must be a block height", "Last-Event-ID");
    }
    lastEventId = Number(lastEventIdHeader);
  }
  const stream = openBlockEventStream(await getNode(), lastEventId, request.signal);
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
});
