// GET /api/events: a `block` event for each new block, and replay after Last-Event-ID.
import { afterEach, beforeAll, expect, it } from "vitest";
import * as eventsRoute from "@/app/api/events/route";
import * as faucetRoute from "@/app/api/faucet/route";
import type { SignedBlock } from "@/lib/ledger/types";
import { call, startTestNode } from "../support/node";
import { makeWallet } from "../support/wallet";

type BlockEvent = { id: number; event: string; block: SignedBlock };

const openStreams: AbortController[] = [];

afterEach(() => {
  for (const controller of openStreams.splice(0)) controller.abort();
});

/** Opens the stream through the real handler and collects parsed events as they arrive. */
async function openEvents(lastEventId?: string) {
  const controller = new AbortController();
  openStreams.push(controller);
  const request = new Request("http://localhost/api/events", {
    headers: lastEventId === undefined ? {} : { "last-event-id": lastEventId },
    signal: controller.signal,
  });
  const response = await eventsRoute.GET(request, { params: Promise.resolve({}) });
  expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
  const events: BlockEvent[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  void (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) !== -1) {
        const chunk = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(
          chunk
            .split("\n")
            .filter((line) => !line.startsWith(":"))
            .map((line) => {
              const colon = line.indexOf(":");
              return [line.slice(0, colon), line.slice(colon + 1).trimStart()];
            }),
        );
        if (fields.event === "block")
          events.push({ id: Number(fields.id), event: fields.event, block: JSON.parse(fields.data!) as SignedBlock });
      }
    }
  })();
  return { events, controller };
}

async function until(condition: () => boolean, timeoutMs = 5000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  await startTestNode("events", { FAUCET_AMOUNT: "100" });
});

it("sends each new block as it is sealed, with its height as the event id", async () => {
  const stream = await openEvents();
  for (let index = 0; index < 3; index++) {
    expect((await call(faucetRoute.POST, { body: { account: makeWallet().publicKey } })).status).toBe(201);
  }
  await until(() => stream.events.length === 3);
  expect(stream.events.map((event) => event.id)).toEqual([1, 2, 3]);
  expect(stream.events.map((event) => event.block.header.height)).toEqual([1, 2, 3]);
  expect(stream.events[1]!.block.header.prevHash).toBe(stream.events[0]!.block.hash);
});

it("replays the blocks after Last-Event-ID first, then continues live", async () => {
  const stream = await openEvents("1");
  await until(() => stream.events.length === 2);
  expect(stream.events.map((event) => event.id)).toEqual([2, 3]);
  await call(faucetRoute.POST, { body: { account: makeWallet().publicKey } });
  await until(() => stream.events.length === 3);
  expect(stream.events.map((event) => event.id)).toEqual([2, 3, 4]);
});

it("refuses a Last-Event-ID that is not a height", async () => {
  const response = await call(eventsRoute.GET, { headers: { "last-event-id": "abc" } });
  expect(response.status).toBe(400);
  expect(response.body).toEqual({
    error: { code: "invalid_request", message: "Last-Event-ID must be a block height", field: "Last-Event-ID" },
  });
});
