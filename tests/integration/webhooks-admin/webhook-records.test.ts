// The webhook endpoint records on both databases: ids and secrets, the secret never listed, the limits per account
// and per node even under concurrent creations, disabling once, keyset pages of deliveries (ties in one block
// included) and redelivery. The deliveries themselves are the outbox's to write (hooks-core): here they are
// inserted as it would write them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectPrisma, getPrisma } from "@/lib/db/prisma";
import {
  createWebhookEndpoint,
  disableWebhookEndpoint,
  EndpointLimitError,
  endpointsMax,
  endpointsPerAccountMax,
  listWebhookDeliveries,
  listWebhookEndpoints,
  nodeWebhookRecords,
  redeliverWebhook,
  webhookRecords,
  type WebhookDeliveryRecord,
} from "@/lib/db/records/webhook-endpoints";
import { readConfig } from "@/lib/server/node/env";
import { prepareNode } from "@/lib/server/node/prepare-node";
import { endpointIdPattern, type DeliveryCursor } from "@/lib/validations/webhooks";
import { freshDatabaseUrl } from "../../support/database";
import { makeDataDir, testChainId } from "../../support/node";
import { makeWallet } from "../../support/wallet";

let databaseUrl: string;

beforeAll(async () => {
  const dataDir = makeDataDir("webhook-records");
  databaseUrl = await freshDatabaseUrl(dataDir, "webhook_records");
  // The contract functions work on the node's database, as the node reads it from the environment.
  Object.assign(process.env, { DATA_DIR: dataDir, DATABASE_URL: databaseUrl, CHAIN_ID: testChainId });
  const prepared = await prepareNode(readConfig());
  await prepared.store.close();
}, 60_000);

afterAll(async () => {
  await disconnectPrisma();
});

const prisma = () => getPrisma(databaseUrl);
const hex64 = (index: number) => index.toString(16).padStart(64, "0");

function delivery(endpointId: string, index: number, createdAtMs: number): WebhookDeliveryRecord {
  return {
    endpointId,
    txId: hex64(index),
    blockHeight: Math.floor(createdAtMs / 1000),
    status: "pending",
    attempts: 0,
    createdAtMs: BigInt(createdAtMs),
    nextAttemptAtMs: BigInt(createdAtMs),
    lastAttemptAtMs: null,
    lastStatusCode: null,
    lastError: null,
    deliveredAtMs: null,
  };
}

describe("creating and listing endpoints", () => {
  it("makes an ep_ id and a whsec_ secret of 32 random bytes, returned by create and by nothing else", async () => {
    const account = makeWallet().publicKey;
    const { endpoint, secret } = await createWebhookEndpoint({ account, url: "https://shop.example/hook", nowMs: 5 });
    expect(endpoint).toEqual({
      id: expect.stringMatching(endpointIdPattern) as unknown,
      account,
      url: "https://shop.example/hook",
      createdAtMs: 5n,
      disabledAtMs: null,
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice("whsec_".length), "base64")).toHaveLength(32);
    const second = await createWebhookEndpoint({ account, url: "https://shop.example/other", nowMs: 6 });
    expect(second.endpoint.id).not.toBe(endpoint.id);
    expect(second.secret).not.toBe(secret);

    const listed = await listWebhookEndpoints({ limit: 100 });
    expect(listed.slice(0, 2).map((each) => each.id)).toEqual([second.endpoint.id, endpoint.id]);
    for (const each of listed) expect(Object.keys(each).sort()).toEqual(Object.keys(endpoint).sort());
    expect(
      JSON.stringify(listed, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value)),
    ).not.toContain(secret.slice(6));
  });

  it("refuses an account's endpoint past the limit, however many are asked for at once", async () => {
    const account = makeWallet().publicKey;
    const attempts = Array.from({ length: endpointsPerAccountMax + 5 }, (_, index) =>
      createWebhookEndpoint({ account, url: `https://shop.example/${index}`, nowMs: 100 + index }).then(
        () => "created",
        (error: unknown) => (error instanceof EndpointLimitError ? error.limit : String(error)),
      ),
    );
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((outcome) => outcome === "created")).toHaveLength(endpointsPerAccountMax);
    expect(outcomes.filter((outcome) => outcome === "account")).toHaveLength(5);

    // A disabled endpoint counts no more: disabling one makes room for one.
    const [first] = await nodeWebhookRecords().list({ limit: 1, account });
    expect(await disableWebhookEndpoint(first!.id, 200)).toBe(true);
    await createWebhookEndpoint({ account, url: "https://shop.example/again", nowMs: 201 });
    await expect(createWebhookEndpoint({ account, url: "https://shop.example/no", nowMs: 202 })).rejects.toThrow(
      EndpointLimitError,
    );
  });

  it("disables once: the first time stays, and an unknown id is false", async () => {
    const { endpoint } = await createWebhookEndpoint({
      account: makeWallet().publicKey,
      url: "http://127.0.0.1:1/x",
      nowMs: 300,
    });
    expect(await disableWebhookEndpoint(endpoint.id, 301)).toBe(true);
    expect(await disableWebhookEndpoint(endpoint.id, 302)).toBe(false);
    expect((await nodeWebhookRecords().find(endpoint.id))?.disabledAtMs).toBe(301n);
    expect(await disableWebhookEndpoint("ep_000000000000000000000000", 303)).toBe(false);
  });

  it("refuses a new endpoint once the node has its most enabled ones, in one account or many", async () => {
    const enabled = await prisma().webhookEndpoint.count({ where: { disabledAtMs: null } });
    const fill = Array.from({ length: endpointsMax - enabled }, (_, index) => ({
      id: `ep_f${index.toString(16).padStart(23, "0")}`,
      account: hex64(index),
      url: "https://filler.example/",
      secret: "whsec_x",
      createdAtMs: 1n,
    }));
    await prisma().webhookEndpoint.createMany({ data: fill });
    const account = makeWallet().publicKey;
    await expect(createWebhookEndpoint({ account, url: "https://shop.example/", nowMs: 400 })).rejects.toMatchObject({
      limit: "node",
    });
    expect(await disableWebhookEndpoint(fill[0]!.id, 401)).toBe(true);
    await createWebhookEndpoint({ account, url: "https://shop.example/", nowMs: 402 });
    await prisma().webhookEndpoint.deleteMany({ where: { url: "https://filler.example/" } });
  });
});

describe("deliveries", () => {
  it("pages newest first by keyset, ties of one block ordered by txId, with nothing lost or repeated", async () => {
    const records = webhookRecords(databaseUrl);
    const endpointId = "ep_aaaaaaaaaaaaaaaaaaaaaaaa";
    const other = "ep_bbbbbbbbbbbbbbbbbbbbbbbb";
    // Four blocks of deliveries: 3, 1, 4 and 2 sharing their createdAtMs, and another endpoint's between them.
    const times = [1000, 1000, 1000, 2000, 3000, 3000, 3000, 3000, 4000, 4000];
    const rows = times.map((createdAtMs, index) => delivery(endpointId, index + 1, createdAtMs));
    await prisma().webhookDelivery.createMany({ data: [...rows, delivery(other, 99, 2500)] });
    const expected = [...rows]
      .sort((a, b) => Number(b.createdAtMs - a.createdAtMs) || (a.txId < b.txId ? 1 : -1))
      .map((row) => row.txId);

    const seen: string[] = [];
    let after: DeliveryCursor | undefined;
    let pages = 0;
    for (;;) {
      const page = await records.deliveriesPage({ endpointId, limit: 3, after });
      seen.push(...page.deliveries.map((row) => row.txId));
      pages += 1;
      if (page.next === null) break;
      after = page.next;
    }
    expect(seen).toEqual(expected);
    expect(pages).toBe(4);
    const firstPage = await records.deliveriesPage({ endpointId, limit: 20 });
    expect(firstPage.next).toBeNull();
    expect(firstPage.deliveries[0]).toEqual(rows.find((row) => row.txId === expected[0]));

    // The contract's page below a time: every delivery older than it, newest first.
    const older = await listWebhookDeliveries({ endpointId, limit: 20, beforeCreatedAtMs: 3000n });
    expect(older.map((row) => row.txId)).toEqual(expected.slice(6));
    expect(await listWebhookDeliveries({ endpointId: "ep_cccccccccccccccccccccccc", limit: 5 })).toEqual([]);
  });

  it("redelivers: pending and due now, attempts reset, not delivered; false for a delivery that is not there", async () => {
    const endpointId = "ep_dddddddddddddddddddddddd";
    const failed = {
      ...delivery(endpointId, 7, 5000),
      status: "failed" as const,
      attempts: 8,
      lastAttemptAtMs: 90_000n,
      lastStatusCode: 503,
      lastError: "HTTP 503",
    };
    const delivered = {
      ...delivery(endpointId, 8, 5000),
      status: "delivered" as const,
      attempts: 1,
      deliveredAtMs: 6000n,
    };
    await prisma().webhookDelivery.createMany({ data: [failed, delivered] });

    expect(await redeliverWebhook(endpointId, failed.txId, 100_000)).toBe(true);
    expect(await nodeWebhookRecords().findDelivery(endpointId, failed.txId)).toEqual({
      ...failed,
      status: "pending",
      attempts: 0,
      nextAttemptAtMs: 100_000n,
    });
    expect(await redeliverWebhook(endpointId, delivered.txId, 100_001)).toBe(true);
    expect(await nodeWebhookRecords().findDelivery(endpointId, delivered.txId)).toEqual({
      ...delivered,
      status: "pending",
      attempts: 0,
      nextAttemptAtMs: 100_001n,
      deliveredAtMs: null,
    });
    expect(await redeliverWebhook(endpointId, hex64(12345), 100_002)).toBe(false);
    expect(await redeliverWebhook("ep_eeeeeeeeeeeeeeeeeeeeeeee", failed.txId, 100_003)).toBe(false);
  });
});
