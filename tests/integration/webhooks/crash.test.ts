// A crash never loses a webhook: the node is killed (SIGKILL) while an endpoint holds its answer to a delivery,
// and after a restart every event still arrives, at least once, a duplicate under the same webhook-id and with a
// signature that verifies. Two instances on one database deliver each event exactly once. And without
// WEBHOOKS_ALLOW_PRIVATE, a delivery to a loopback endpoint is refused at connection time (an endpoint stored
// before the setting changed gets nothing either).
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Receipt } from "@/lib/ledger/types";
import { freshDatabaseUrl } from "../../support/database";
import { makeDataDir, testChainId } from "../../support/node";
import { ensureBuilt, postJson, startServer, type RunningServer } from "../../support/server";
import { makeWallet, signPayment, type TestWallet } from "../../support/wallet";
import { deliveryRows, registerEndpoint, startReceiver, waitFor, type Receiver } from "../../support/webhooks";

const running: RunningServer[] = [];
const receivers: Receiver[] = [];

beforeAll(() => {
  ensureBuilt();
}, 300_000);

afterAll(async () => {
  await Promise.all(running.map((server) => server.stop()));
  await Promise.all(receivers.map((receiver) => receiver.close()));
});

async function environmentFor(name: string, extra: Record<string, string> = {}) {
  const dataDir = makeDataDir(name);
  return {
    DATA_DIR: dataDir,
    DATABASE_URL: await freshDatabaseUrl(dataDir, name.replaceAll("-", "_")),
    CHAIN_ID: testChainId,
    FAUCET_INTERVAL_SECONDS: "0",
    WEBHOOKS_RETRY_SCALE: "0.001",
    ...extra,
  };
}

async function start(environment: Record<string, string>): Promise<RunningServer> {
  const server = await startServer(environment);
  running.push(server);
  return server;
}

async function payments(url: string, payer: TestWallet, to: string, count: number): Promise<string[]> {
  const txIds: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const answer = await postJson(`${url}/api/payments`, signPayment(payer, to, "10"));
    expect(answer.status).toBe(201);
    txIds.push((answer.body as { receipt: Receipt }).receipt.txId);
  }
  return txIds;
}

describe("kill -9 mid-delivery", () => {
  it("loses no event: after a restart every payment is delivered, a duplicate under the same webhook-id", async () => {
    const environment = await environmentFor("webhooks-crash", { WEBHOOKS_ALLOW_PRIVATE: "1" });
    const server = await start(environment);
    const payer = makeWallet();
    expect((await postJson(`${server.url}/api/faucet`, { account: payer.publicKey })).status).toBe(201);
    const merchant = makeWallet();
    // The endpoint holds its first answer until the node is gone; later requests are answered at once.
    let isHolding = true;
    const hooks = await startReceiver(() => (isHolding ? "hold" : { status: 200 }));
    receivers.push(hooks);
    const endpoint = await registerEndpoint(environment.DATABASE_URL, merchant.publicKey, hooks.url);
    const txIds = await payments(server.url, payer, merchant.publicKey, 5);
    await waitFor("a delivery held by the endpoint", () => (hooks.held.length > 0 ? true : undefined));
    server.process.kill("SIGKILL");
    await server.exited;
    isHolding = false;
    for (const response of hooks.held) response.destroy();
    // Payments the restarted node seals are delivered too.
    const restarted = await start(environment);
    txIds.push(...(await payments(restarted.url, payer, merchant.publicKey, 2)));
    // The held one's claim runs out (the attempt timeout and a margin) before it is posted again.
    const rows = await waitFor(
      "every delivery delivered after the restart",
      async () => {
        const found = await deliveryRows(environment.DATABASE_URL);
        return found.length === txIds.length && found.every((row) => row.status === "delivered") ? found : undefined;
      },
      45_000,
    );
    expect(rows.map((row) => row.txId).sort()).toEqual([...txIds].sort());
    const answeredIds = hooks.received.map((item) => String(item.headers["webhook-id"]));
    expect(new Set(answeredIds)).toEqual(new Set(txIds));
    // At least once: the held one arrived twice (its first attempt died with the node), under its txId both times.
    const held = answeredIds[0]!;
    expect(answeredIds.filter((id) => id === held).length).toBeGreaterThanOrEqual(2);
    for (const item of hooks.received) {
      const event = new Webhook(endpoint.secret).verify(item.body, {
        "webhook-id": String(item.headers["webhook-id"]),
        "webhook-timestamp": String(item.headers["webhook-timestamp"]),
        "webhook-signature": String(item.headers["webhook-signature"]),
      }) as { data: { txId: string } };
      expect(event.data.txId).toBe(item.headers["webhook-id"]);
    }
  }, 120_000);
});

describe("two instances on one database", () => {
  it("deliver each event once: of two delivery loops that read the same due row, one claims it", async () => {
    const environment = await environmentFor("webhooks-two", { WEBHOOKS_ALLOW_PRIVATE: "1" });
    const [first, second] = await Promise.all([start(environment), start(environment)]);
    const payer = makeWallet();
    expect((await postJson(`${first.url}/api/faucet`, { account: payer.publicKey })).status).toBe(201);
    const merchant = makeWallet();
    const hooks = await startReceiver();
    receivers.push(hooks);
    await registerEndpoint(environment.DATABASE_URL, merchant.publicKey, hooks.url);
    // Both loops look for due rows every round while payments come in through both instances.
    const txIds = (
      await Promise.all([
        payments(first.url, payer, merchant.publicKey, 10),
        payments(second.url, payer, merchant.publicKey, 10),
      ])
    ).flat();
    const rows = await waitFor(
      "twenty delivered rows",
      async () => {
        const found = await deliveryRows(environment.DATABASE_URL);
        return found.length === txIds.length && found.every((row) => row.status === "delivered") ? found : undefined;
      },
      45_000,
    );
    expect(rows.every((row) => row.attempts === 1)).toBe(true);
    const answeredIds = hooks.received.map((item) => String(item.headers["webhook-id"]));
    expect(answeredIds.sort()).toEqual([...txIds].sort());
  }, 120_000);
});

describe("private addresses", () => {
  it("are refused at delivery without WEBHOOKS_ALLOW_PRIVATE: the endpoint gets nothing", async () => {
    const environment = await environmentFor("webhooks-private");
    const server = await start(environment);
    const payer = makeWallet();
    expect((await postJson(`${server.url}/api/faucet`, { account: payer.publicKey })).status).toBe(201);
    const merchant = makeWallet();
    const hooks = await startReceiver();
    receivers.push(hooks);
    const byName = await startReceiver();
    receivers.push(byName);
    // Stored behind the admin route's check (as an endpoint stored while the setting was on would be).
    await registerEndpoint(environment.DATABASE_URL, merchant.publicKey, hooks.url);
    await registerEndpoint(environment.DATABASE_URL, merchant.publicKey, byName.url.replace("127.0.0.1", "localhost"));
    await payments(server.url, payer, merchant.publicKey, 1);
    const rows = await waitFor("two refused attempts", async () => {
      const found = await deliveryRows(environment.DATABASE_URL);
      return found.length === 2 && found.every((row) => row.lastError !== null) ? found : undefined;
    });
    for (const row of rows) {
      expect(row.status).toBe("pending");
      expect(row.lastStatusCode).toBeNull();
      expect(row.lastError).toMatch(/127\.0\.0\.1, a private, loopback or link-local address/);
    }
    expect(hooks.received).toHaveLength(0);
    expect(byName.received).toHaveLength(0);
  });
});
