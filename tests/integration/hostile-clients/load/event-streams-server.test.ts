// Event streams through a real `next start` server, for what a route handler called in process cannot show: a
// client that hangs up gives its stream's slot back (Next.js cancels the response body when the connection
// closes), so a node never fills up with the streams of clients long gone; and the refusal past the cap is the
// protocol's error JSON on the wire.
import { request, type ClientRequest, type IncomingMessage } from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { adminToken } from "../../../support/node";
import { type RunningServer, startFreshServer } from "../../../support/server";

let server: RunningServer;

beforeAll(async () => {
  server = await startFreshServer("event-streams-server", {
    ADMIN_TOKEN: adminToken,
    EVENTS_STREAMS_MAX: "2",
  });
}, 300_000);

afterAll(async () => {
  await server.stop();
});

type Opened = { status: number; headers: IncomingMessage["headers"]; firstChunk: string; outgoing: ClientRequest };

/** Opens GET /api/events and settles with its status and first chunk; the connection stays open. */
function openEvents(): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const outgoing = request(`${server.url}/api/events`, (answer) => {
      answer.setEncoding("utf8");
      answer.once("data", (chunk: string) =>
        resolve({ status: answer.statusCode ?? 0, headers: answer.headers, firstChunk: chunk, outgoing }),
      );
      answer.on("error", () => {});
    });
    outgoing.on("error", (error) => (outgoing.destroyed ? undefined : reject(error)));
    outgoing.end();
  });
}

it("refuses the stream past the cap on the wire, and a client that hangs up frees its slot", async () => {
  const first = await openEvents();
  const second = await openEvents();
  for (const opened of [first, second]) {
    expect(opened.status).toBe(200);
    expect(opened.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(opened.firstChunk).toBe("retry: 2000\n\n");
  }
  const refused = await openEvents();
  expect(refused.status).toBe(503);
  expect(refused.headers["retry-after"]).toBe("10");
  expect(JSON.parse(refused.firstChunk)).toEqual({
    error: { code: "overloaded", message: "Too many event streams are open on this node; try again in 10 s." },
  });
  first.outgoing.destroy();
  // The server learns of the hang-up a moment later: ask until it has, a bounded number of times.
  let reopened: Opened | null = null;
  for (let attempt = 0; attempt < 100 && reopened === null; attempt++) {
    const answer = await openEvents();
    if (answer.status === 200) reopened = answer;
    else await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(reopened?.firstChunk).toBe("retry: 2000\n\n");
  second.outgoing.destroy();
  reopened?.outgoing.destroy();
});
