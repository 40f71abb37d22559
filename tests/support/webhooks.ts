// Webhook receivers on loopback for the delivery tests, and the endpoint and outbox rows they read: endpoints are
// registered through the hooks-admin records (the same code the admin route runs), on the test's database.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { webhookRecords } from "@/lib/db/records/webhook-endpoints";
import { rawQuery } from "./database";

export type ReceivedWebhook = { atMs: number; headers: IncomingHttpHeaders; body: string };

/** What a receiver does with one request: answer with a status (and body), or hold it without an answer. */
export type ReceiverAnswer = { status: number; body?: string; headers?: Record<string, string> } | "hold";

export type Receiver = {
  url: string;
  received: ReceivedWebhook[];
  /** The answers being held (their sockets stay open until `close`). */
  held: ServerResponse[];
  close: () => Promise<void>;
};

export async function startReceiver(
  answer: (request: ReceivedWebhook, index: number) => ReceiverAnswer = () => ({ status: 204 }),
): Promise<Receiver> {
  const received: ReceivedWebhook[] = [];
  const held: ServerResponse[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const item = { atMs: Date.now(), headers: request.headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(item);
      const reply = answer(item, received.length - 1);
      if (reply === "hold") {
        held.push(response);
        return;
      }
      response.writeHead(reply.status, reply.headers);
      response.end(reply.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    held,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Registers an endpoint for `account` on the test's database; returns its id and secret. */
export async function registerEndpoint(
  databaseUrl: string,
  account: string,
  url: string,
): Promise<{ id: string; secret: string }> {
  const outcome = await webhookRecords(databaseUrl).create({ account, url, nowMs: Date.now() });
  if (!outcome.ok) throw new Error(`the endpoint was refused: ${outcome.limit} limit`);
  return { id: outcome.endpoint.id, secret: outcome.secret };
}

export type DeliveryRow = {
  endpointId: string;
  txId: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
};

/** Every outbox row, as the database holds it. */
export async function deliveryRows(databaseUrl: string): Promise<DeliveryRow[]> {
  type Row = Record<"endpointId" | "txId" | "status", string> & {
    attempts: bigint | number;
    lastStatusCode: bigint | number | null;
    lastError: string | null;
  };
  const rows = await rawQuery<Row>(
    databaseUrl,
    `SELECT "endpointId", "txId", "status", "attempts", "lastStatusCode", "lastError" FROM "WebhookDelivery" ORDER BY "txId", "endpointId"`,
  );
  return rows.map((row) => ({
    endpointId: row.endpointId,
    txId: row.txId,
    status: row.status,
    attempts: Number(row.attempts),
    lastStatusCode: row.lastStatusCode === null ? null : Number(row.lastStatusCode),
    lastError: row.lastError,
  }));
}

/** Polls `check` until it returns a value (not undefined), or fails after `timeoutMs` saying what it waited for. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
