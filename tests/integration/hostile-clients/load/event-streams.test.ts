// GET /api/events under hostile clients: the stream past the node's cap or a client's cap is refused with
// 503 `overloaded` and a retry-after; a client that does not read is dropped once its buffer is full; a stream
// ends after its lifetime; every way a stream ends gives its slot back; replays come from one shared read of
// each block. Clients are told apart by the peer address header chainpay's server sets from the socket.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as eventsRoute from "@/app/api/events/route";
import * as faucetRoute from "@/app/api/faucet/route";
import { blockEventPageSize } from "@/lib/server/events/block-event-cache";
import { peerAddressHeader } from "@/lib/server/http/client-address";
import type { LedgerNode } from "@/lib/server/node/context";
import { call, startTestNode } from "../../../support/node";
import { makeWallet } from "../../../support/wallet";

const bufferBytes = 4096;

/** Long enough never to end a stream during a test, except in the lifetime tests. */
const settings = (overrides: Record<string, string> = {}) => ({
  FAUCET_AMOUNT: "100",
  EVENTS_STREAMS_MAX: "3",
  EVENTS_STREAMS_PER_CLIENT_MAX: "2",
  EVENTS_STREAM_BUFFER_BYTES: String(bufferBytes),
  EVENTS_STREAM_LIFETIME_SECONDS: "3600",
  ...overrides,
});

type Ending = "open" | "ended" | "dropped";

type OpenedStream = {
  /** The ids of the `block` events read, in order (empty for a stream that is not read). */
  ids: number[];
  /** Bytes of each block event read, as sent. */
  eventBytes: number[];
  /** Bytes of the keep-alive comments read: every stream is sent the same ones. */
  keepAliveBytes: number;
  /** How many chunks were read: a replay of whole pages comes in few. */
  chunks: number;
  ending: () => Ending;
  abort: () => void;
};

const openControllers: AbortController[] = [];
/**
 * The requests of the open streams, held until they are aborted: a Request's own signal follows the one it was
 * made with only while the Request lives (undici links them through a WeakRef), so a Request collected by the
 * garbage collector would never tell its stream that the client went away. Over HTTP the connection's close
 * cancels the stream's body as well; in-process the signal is all there is.
 */
const openRequests: Request[] = [];

afterEach(() => {
  for (const controller of openControllers.splice(0)) controller.abort();
  openRequests.splice(0);
});

async function request(client: string, lastEventId?: number) {
  const controller = new AbortController();
  openControllers.push(controller);
  const headers: Record<string, string> = { [peerAddressHeader]: client };
  if (lastEventId !== undefined) headers["last-event-id"] = String(lastEventId);
  const streamRequest = new Request("http://localhost/api/events", { headers, signal: controller.signal });
  openRequests.push(streamRequest);
  const response = await eventsRoute.GET(streamRequest, { params: Promise.resolve({}) });
  return { response, controller };
}

/** Opens a stream that is read as it comes (`isRead`), or one whose body is never read. */
async function openStream(client: string, options: { lastEventId?: number; isRead?: boolean } = {}) {
  const { response, controller } = await request(client, options.lastEventId);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
  const stream: OpenedStream = {
    ids: [],
    eventBytes: [],
    keepAliveBytes: 0,
    chunks: 0,
    ending: () => ending,
    abort: () => controller.abort(),
  };
  let ending: Ending = "open";
  const reader = response.body!.getReader();
  // `closed` settles without reading: it rejects as soon as the stream is errored (dropped).
  reader.closed.then(
    () => (ending = "ended"),
    () => (ending = "dropped"),
  );
  if (options.isRead !== false) void readEvents(reader, stream);
  return stream;
}

async function readEvents(reader: ReadableStreamDefaultReader<Uint8Array>, stream: OpenedStream) {
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
    if (done) return;
    stream.chunks += 1;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) !== -1) {
      const chunk = buffer.slice(0, end + 2);
      buffer = buffer.slice(end + 2);
      if (chunk.startsWith(":")) stream.keepAliveBytes += chunk.length;
      const id = /^id: ([0-9]+)\nevent: block\n/.exec(chunk)?.[1];
      if (id === undefined) continue;
      stream.ids.push(Number(id));
      stream.eventBytes.push(new TextEncoder().encode(chunk).byteLength);
    }
  }
}

async function until(condition: () => boolean, timeoutMs = 10_000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function mintBlock(): Promise<void> {
  expect((await call(faucetRoute.POST, { body: { account: makeWallet().publicKey } })).status).toBe(201);
}

/** Mints one block and waits until the reading `witness` has it, so that every stream was handed it. */
async function mintSeenBy(witness: OpenedStream): Promise<number> {
  const seen = witness.ids.length;
  await mintBlock();
  await until(() => witness.ids.length > seen);
  return witness.ids.at(-1)!;
}

async function expectRefused(client: string, where: "on this node" | "from this client") {
  const { response } = await request(client);
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toBe("10");
  expect(await response.json()).toEqual({
    error: { code: "overloaded", message: `Too many event streams are open ${where}; try again in 10 s.` },
  });
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe("caps and buffers", () => {
  beforeAll(async () => {
    await startTestNode("event-streams", settings());
  });

  it("refuses the stream past the node's cap with 503 overloaded, and opens one again once a stream ends", async () => {
    await openStream("10.0.0.1");
    const second = await openStream("10.0.0.2");
    await openStream("10.0.0.3");
    await expectRefused("10.0.0.4", "on this node");
    second.abort();
    await openStream("10.0.0.4");
    await expectRefused("10.0.0.5", "on this node");
  });

  it("refuses a client past its own cap, but not another client", async () => {
    const first = await openStream("10.0.1.1");
    await openStream("10.0.1.1");
    await expectRefused("10.0.1.1", "from this client");
    await openStream("10.0.1.2");
    first.abort();
    await openStream("10.0.1.1");
  });

  it("drops a client that does not read once its buffer is full, and keeps the one that reads", async () => {
    const witness = await openStream("10.0.2.1");
    const idle = await openStream("10.0.2.2", { isRead: false });
    const firstHeight = await mintSeenBy(witness);
    expect(idle.ending()).toBe("open");
    // The idle stream holds what the witness read: the `retry:` line, every event since and any keep-alive.
    const queuedBytes = () =>
      "retry: 2000\n\n".length + witness.eventBytes.reduce((sum, bytes) => sum + bytes, 0) + witness.keepAliveBytes;
    while (idle.ending() === "open" && witness.ids.length < 50) {
      expect(queuedBytes()).toBeLessThanOrEqual(bufferBytes);
      await mintSeenBy(witness);
    }
    expect(idle.ending()).toBe("dropped");
    expect(queuedBytes()).toBeGreaterThan(bufferBytes);
    expect(witness.ending()).toBe("open");
    expect(witness.ids).toEqual(range(firstHeight, witness.ids.at(-1)!));
    // The dropped stream's slot is free: this client may open two streams again.
    await openStream("10.0.2.2");
    await openStream("10.0.2.2", { isRead: false });
  });

  it("drops a replaying client that does not read once the blocks it is owed pass its buffer", async () => {
    const witness = await openStream("10.0.3.1");
    const idle = await openStream("10.0.3.2", { lastEventId: 0, isRead: false });
    await mintSeenBy(witness);
    expect(idle.ending()).toBe("open");
    while (idle.ending() === "open" && witness.ids.length < 50) await mintSeenBy(witness);
    expect(idle.ending()).toBe("dropped");
    expect(witness.ending()).toBe("open");
  });

  it("replays the missed blocks in order after Last-Event-ID, then continues live", async () => {
    const witness = await openStream("10.0.4.1");
    const head = await mintSeenBy(witness);
    const reconnected = await openStream("10.0.4.2", { lastEventId: head - 5 });
    await until(() => reconnected.ids.length === 5);
    const next = await mintSeenBy(witness);
    await until(() => reconnected.ids.length === 6);
    expect(reconnected.ids).toEqual(range(head - 4, next));
  });

  it("frees every slot however its stream ended: the node's full cap opens again", async () => {
    await openStream("10.0.5.1");
    await openStream("10.0.5.2");
    await openStream("10.0.5.3");
    await expectRefused("10.0.5.4", "on this node");
  });
});

describe("replay from the shared cache", () => {
  let node: LedgerNode;
  const blockCount = blockEventPageSize + 20;

  beforeAll(async () => {
    node = await startTestNode(
      "event-streams-replay",
      settings({ EVENTS_STREAMS_PER_CLIENT_MAX: "3", EVENTS_STREAM_BUFFER_BYTES: String(1024 * 1024) }),
    );
    // Minted while no stream listens: no block is in the cache yet, so the replays must read them.
    for (let index = 0; index < blockCount; index++) await mintBlock();
  });

  it("gives several replaying clients every missed block in order, reading each page once, in few writes", async () => {
    const pageReads = vi.spyOn(node.store, "blocksFrom");
    const streams = await Promise.all([0, 1, 2].map(() => openStream("10.0.6.1", { lastEventId: 0 })));
    await until(() => streams.every((stream) => stream.ids.length === blockCount));
    for (const stream of streams) {
      expect(stream.ids).toEqual(range(1, blockCount));
      // The full first page (blocks 1 to 99 of it) comes as one run; only the head's unfinished page goes block
      // by block.
      expect(stream.chunks).toBeLessThanOrEqual(2 + (blockCount - blockEventPageSize) + 1);
    }
    const pageStarts = pageReads.mock.calls.filter(([, limit]) => limit === blockEventPageSize).map(([from]) => from);
    expect(pageStarts.sort((a, b) => a - b)).toEqual([0, blockEventPageSize]);
    pageReads.mockRestore();
  });
});

describe("stream lifetime", () => {
  beforeAll(async () => {
    await startTestNode(
      "event-streams-lifetime",
      settings({ EVENTS_STREAMS_PER_CLIENT_MAX: "1", EVENTS_STREAM_LIFETIME_SECONDS: "1" }),
    );
  });

  it("ends a stream after its lifetime; the client reconnects with Last-Event-ID and misses nothing", async () => {
    const stream = await openStream("10.0.7.1");
    const seen = await mintSeenBy(stream);
    await until(() => stream.ending() !== "open");
    expect(stream.ending()).toBe("ended");
    // Its slot is free again, though this client may hold one stream only.
    await mintBlock();
    const reconnected = await openStream("10.0.7.1", { lastEventId: seen });
    await until(() => reconnected.ids.length === 1);
    expect(reconnected.ids).toEqual([seen + 1]);
  });
});
