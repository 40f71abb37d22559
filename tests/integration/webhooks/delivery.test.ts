// Webhook deliveries through the real server: each payment reaches the endpoint of its payer and of its payee once,
// signed per Standard Webhooks (the standardwebhooks package verifies it); a failing endpoint is retried on the
// (scaled) schedule with every attempt recorded, and then delivered; a redirect is never followed; an endpoint
// that never answers delays no payment.
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Receipt } from "@/lib/ledger/types";
import { retryDelaysMs } from "@/lib/server/webhooks/retry-schedule";
import { freshDatabaseUrl } from "../../support/database";
import { makeDataDir, testChainId } from "../../support/node";
import { ensureBuilt, postJson, startServer, type RunningServer } from "../../support/server";
import { makeWallet, signPayment, type TestWallet } from "../../support/wallet";
import {
  deliveryRows,
  registerEndpoint,
  startReceiver,
  waitFor,
  type Receiver,
  type ReceivedWebhook,
} from "../../support/webhooks";

const retryScale = 0.001;
let server: RunningServer;
let databaseUrl: string;
const receivers: Receiver[] = [];

beforeAll(async () => {
  ensureBuilt();
  const dataDir = makeDataDir("webhooks-delivery");
  databaseUrl = await freshDatabaseUrl(dataDir, "webhooks_delivery");
  server = await startServer({
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    CHAIN_ID: testChainId,
    FAUCET_INTERVAL_SECONDS: "0",
    WEBHOOKS_ALLOW_PRIVATE: "1",
    WEBHOOKS_RETRY_SCALE: String(retryScale),
  });
}, 240_000);

afterAll(async () => {
  await server?.stop();
  await Promise.all(receivers.map((receiver) => receiver.close()));
});

async function receiver(...args: Parameters<typeof startReceiver>): Promise<Receiver> {
  const started = await startReceiver(...args);
  receivers.push(started);
  return started;
}

async function fundedWallet(): Promise<TestWallet> {
  const wallet = makeWallet();
  expect((await postJson(`${server.url}/api/faucet`, { account: wallet.publicKey })).status).toBe(201);
  return wallet;
}

async function pay(payer: TestWallet, to: string, amount: string, memo?: string): Promise<Receipt> {
  const answer = await postJson(`${server.url}/api/payments`, signPayment(payer, to, amount, { memo }));
  expect(answer.status).toBe(201);
  return (answer.body as { receipt: Receipt }).receipt;
}

type Event = {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
};

function verified(secret: string, item: ReceivedWebhook): Event {
  const headers = {
    "webhook-id": String(item.headers["webhook-id"]),
    "webhook-timestamp": String(item.headers["webhook-timestamp"]),
    "webhook-signature": String(item.headers["webhook-signature"]),
  };
  return new Webhook(secret).verify(item.body, headers) as Event;
}

describe("webhook deliveries", () => {
  it("deliver each payment once to the payer's endpoint and once to the payee's, signed", async () => {
    const payer = await fundedWallet();
    const payee = makeWallet();
    const payerHooks = await receiver();
    const payeeHooks = await receiver();
    const payerEndpoint = await registerEndpoint(databaseUrl, payer.publicKey, payerHooks.url);
    const payeeEndpoint = await registerEndpoint(databaseUrl, payee.publicKey, payeeHooks.url);
    const receipts: Receipt[] = [];
    for (let index = 0; index < 5; index += 1)
      receipts.push(await pay(payer, payee.publicKey, String(100 + index), index === 0 ? "order 42 ✓" : undefined));
    const txIds = receipts.map((receipt) => receipt.txId);
    await waitFor("10 delivered rows", async () => {
      const rows = await deliveryRows(databaseUrl);
      return rows.length === 10 && rows.every((row) => row.status === "delivered") ? rows : undefined;
    });
    // Once each: nothing is posted twice once it was answered 2xx.
    for (const [hooks, endpoint, direction, account] of [
      [payerHooks, payerEndpoint, "out", payer.publicKey],
      [payeeHooks, payeeEndpoint, "in", payee.publicKey],
    ] as const) {
      expect(hooks.received.map((item) => item.headers["webhook-id"]).sort()).toEqual([...txIds].sort());
      for (const item of hooks.received) {
        expect(item.headers["content-type"]).toBe("application/json");
        expect(Number(item.headers["webhook-timestamp"])).toBeCloseTo(item.atMs / 1000, -1);
        const event = verified(endpoint.secret, item);
        const receipt = receipts.find((candidate) => candidate.txId === item.headers["webhook-id"])!;
        expect(event).toEqual({
          type: "payment.sealed",
          timestamp: receipt.block.header.timestamp,
          data: {
            txId: receipt.txId,
            blockHeight: receipt.block.header.height,
            blockHash: receipt.block.hash,
            from: payer.publicKey,
            to: payee.publicKey,
            amount: receipt.tx.amount,
            memo: receipt.tx.memo ?? null,
            account,
            direction,
          },
        });
      }
    }
    // The payer's endpoint does not verify with the payee's secret.
    expect(() => verified(payeeEndpoint.secret, payerHooks.received[0]!)).toThrow();
    const rows = await deliveryRows(databaseUrl);
    expect(rows.every((row) => row.attempts === 1 && row.lastStatusCode === 204 && row.lastError === null)).toBe(true);
  });

  it("retries a failing endpoint on the schedule, recording each attempt, until it answers 2xx", async () => {
    const payer = await fundedWallet();
    const merchant = makeWallet();
    // A 500, a redirect to a receiver that would accept it (never followed), a 503 with a body, then a 200.
    const elsewhere = await receiver();
    const answers = [
      { status: 500, body: "database down" },
      { status: 307, headers: { location: elsewhere.url } },
      { status: 503, body: "x".repeat(100_000) },
      { status: 200 },
    ];
    const hooks = await receiver((_, index) => answers[Math.min(index, answers.length - 1)]!);
    const endpoint = await registerEndpoint(databaseUrl, merchant.publicKey, hooks.url);
    const receipt = await pay(payer, merchant.publicKey, "7");
    const row = await waitFor("the delivery after three failures", async () => {
      const found = (await deliveryRows(databaseUrl)).find((item) => item.endpointId === endpoint.id);
      return found?.status === "delivered" ? found : undefined;
    });
    expect(row).toMatchObject({ txId: receipt.txId, attempts: 4, lastStatusCode: 200, lastError: null });
    expect(hooks.received).toHaveLength(4);
    expect(elsewhere.received).toHaveLength(0);
    // Every attempt posts the same event under the same webhook-id, each signed afresh.
    expect(new Set(hooks.received.map((item) => item.body)).size).toBe(1);
    expect(new Set(hooks.received.map((item) => item.headers["webhook-id"]))).toEqual(new Set([receipt.txId]));
    for (const item of hooks.received) expect(verified(endpoint.secret, item).data.txId).toBe(receipt.txId);
    // The gaps follow the schedule (5 s, 5 min, 30 min scaled by 0.001, ±10 % jitter), plus the loop's pace.
    const gaps = hooks.received.slice(1).map((item, index) => item.atMs - hooks.received[index]!.atMs);
    gaps.forEach((gapMs, index) => {
      const delayMs = retryDelaysMs[index]! * retryScale;
      expect(gapMs).toBeGreaterThanOrEqual(delayMs * 0.9 - 5);
      expect(gapMs).toBeLessThan(delayMs * 1.1 + 1_500);
    });
  });

  it("records a failed attempt's status and error while it waits to be retried", async () => {
    const payer = await fundedWallet();
    const merchant = makeWallet();
    const hooks = await receiver(() => ({ status: 410, body: "gone for now" }));
    const endpoint = await registerEndpoint(databaseUrl, merchant.publicKey, hooks.url);
    await pay(payer, merchant.publicKey, "3");
    const row = await waitFor("a recorded failure", async () => {
      const found = (await deliveryRows(databaseUrl)).find((item) => item.endpointId === endpoint.id);
      return found !== undefined && found.attempts >= 2 ? found : undefined;
    });
    expect(row.status).toBe("pending");
    expect(row.lastStatusCode).toBe(410);
    expect(row.lastError).toBe("answered 410: gone for now");
  });

  it("answers payments at once while an endpoint of the payee never answers", async () => {
    const payer = await fundedWallet();
    const merchant = makeWallet();
    const silent = await receiver(() => "hold");
    await registerEndpoint(databaseUrl, merchant.publicKey, silent.url);
    // The first delivery is held open by the endpoint from here on.
    await pay(payer, merchant.publicKey, "1");
    await waitFor("the held delivery", () => (silent.held.length > 0 ? true : undefined));
    const durations: number[] = [];
    for (let index = 0; index < 10; index += 1) {
      const startedMs = Date.now();
      await pay(payer, merchant.publicKey, "1");
      durations.push(Date.now() - startedMs);
    }
    // A payment that waited for the endpoint would take its whole 10 s timeout.
    expect(Math.max(...durations)).toBeLessThan(2_000);
    // One attempt at a time to that endpoint: the others wait for it, they do not pile up sockets.
    expect(silent.received).toHaveLength(1);
  });
});
