// The admin webhook routes through the real route handlers and a real database: admin only, every refusal the
// protocol's error JSON, the secret in the creating answer and nowhere after, the per-account limit, disabling,
// pages of deliveries (a real payment's outbox row among them) and redelivery. The delivery loop is stopped, so
// that the rows stay as each test leaves them.
import { beforeAll, describe, expect, it } from "vitest";
import * as faucetRoute from "@/app/api/faucet/route";
import * as paymentsRoute from "@/app/api/payments/route";
import * as webhooksRoute from "@/app/api/admin/webhooks/route";
import * as endpointRoute from "@/app/api/admin/webhooks/[id]/route";
import * as deliveriesRoute from "@/app/api/admin/webhooks/[id]/deliveries/route";
import * as redeliverRoute from "@/app/api/admin/webhooks/[id]/deliveries/[txId]/redeliver/route";
import { getPrisma } from "@/lib/db/prisma";
import { endpointsPerAccountMax } from "@/lib/db/records/webhook-endpoints";
import type { Receipt } from "@/lib/ledger/types";
import type { LedgerNode } from "@/lib/server/node/context";
import type {
  CreatedEndpointAnswer,
  DeliveriesAnswer,
  DeliveryAnswer,
  EndpointsAnswer,
  EndpointView,
} from "@/lib/validations/webhooks";
import { adminToken, call, startTestNode, type CallResult } from "../../support/node";
import { makeWallet, signPayment } from "../../support/wallet";

const bearer = { authorization: `Bearer ${adminToken}` };
const unauthorized = { error: { code: "unauthorized", message: "This call needs an admin's token or session." } };
const invalid = (field: string, message: string) => ({
  error: { code: "invalid_request", message: `${field}: ${message}`, field },
});
/** A refusal of `field` in zod's own words, not the node's. */
const invalidAny = (field: string) => ({
  error: { code: "invalid_request", message: expect.stringMatching(`^${field}: `) as unknown, field },
});
const hex64 = (index: number) => index.toString(16).padStart(64, "0");
const missingId = "ep_000000000000000000000000";

let node: LedgerNode;

beforeAll(async () => {
  node = await startTestNode("webhook-routes", { WEBHOOKS_ALLOW_PRIVATE: "1" });
  await node.webhooks?.stop();
}, 60_000);

const prisma = () => getPrisma(node.config.databaseUrl);

function register(body: unknown, headers: Record<string, string> = bearer): Promise<CallResult> {
  return call(webhooksRoute.POST, { body, headers });
}

async function registered(account: string, url = "http://127.0.0.1:9/hook"): Promise<CreatedEndpointAnswer> {
  const response = await register({ account, url });
  expect(response.status).toBe(201);
  return response.body as CreatedEndpointAnswer;
}

const deliveriesOf = (id: string, query = "", headers: Record<string, string> = bearer) =>
  call(deliveriesRoute.GET, { path: `/api/admin/webhooks/${id}/deliveries${query}`, params: { id }, headers });

const redeliver = (id: string, txId: string, headers: Record<string, string> = bearer) =>
  call(redeliverRoute.POST, { method: "POST", params: { id, txId }, headers });

const disable = (id: string, headers: Record<string, string> = bearer) =>
  call(endpointRoute.DELETE, { method: "DELETE", params: { id }, headers });

describe("admin only", () => {
  it("refuses every route without the admin's token or session", async () => {
    const account = makeWallet().publicKey;
    const forged = { authorization: "Bearer not-the-token-at-all-but-long-enough-0123" };
    const answers = await Promise.all([
      register({ account, url: "http://127.0.0.1:9/" }, {}),
      register({ account, url: "http://127.0.0.1:9/" }, forged),
      call(webhooksRoute.GET, {}),
      disable(missingId, {}),
      deliveriesOf(missingId, "", {}),
      redeliver(missingId, hex64(1), {}),
    ]);
    for (const answer of answers) expect(answer).toMatchObject({ status: 401, body: unauthorized });
    expect(await prisma().webhookEndpoint.count({ where: { account } })).toBe(0);
  });
});

describe("registering", () => {
  const account = makeWallet().publicKey;
  const cases: { name: string; body: unknown; status?: number; answer: unknown }[] = [
    { name: "no account", body: { url: "http://127.0.0.1:9/" }, answer: invalidAny("account") },
    {
      name: "an account that is not hex64",
      body: { account: "abc", url: "http://127.0.0.1:9/" },
      answer: invalid("account", "must be 64 lowercase hexadecimal characters"),
    },
    {
      name: "a weak (small-order) account key",
      body: { account: `01${"00".repeat(31)}`, url: "http://127.0.0.1:9/" },
      answer: invalid("account", "is a weak key (a point of small order) that anyone could sign for"),
    },
    { name: "no url", body: { account }, answer: invalid("url", "must be a URL") },
    { name: "an empty url", body: { account, url: "" }, answer: invalid("url", "must not be empty") },
    {
      name: "a url past 2048 characters",
      body: { account, url: `http://127.0.0.1:9/${"a".repeat(2048)}` },
      answer: invalid("url", "must be at most 2048 characters"),
    },
    {
      name: "a scheme other than http(s)",
      body: { account, url: "ftp://127.0.0.1/hook" },
      answer: invalid("url", "The URL must start with http:// or https://."),
    },
    {
      name: "not a URL",
      body: { account, url: "shop" },
      answer: invalid("url", "The URL is not a valid absolute URL."),
    },
    {
      name: "an unknown field",
      body: { account, url: "http://127.0.0.1:9/", secret: "whsec_mine" },
      answer: invalid("secret", "unknown field: only signed fields may be sent"),
    },
  ];
  it.each(cases)("refuses $name with the protocol's error JSON", async ({ body, status = 400, answer }) => {
    const response = await register(body);
    expect(response.status).toBe(status);
    expect(response.body).toEqual(answer);
  });

  it("refuses a body that is not JSON, or not declared as JSON", async () => {
    const notJson = await call(webhooksRoute.POST, { rawBody: "{", headers: bearer });
    expect(notJson).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_json", message: "The body is not valid JSON." } },
    });
    const asText = await call(webhooksRoute.POST, {
      rawBody: "{}",
      headers: { ...bearer, "content-type": "text/plain" },
    });
    expect(asText).toMatchObject({ status: 415, body: { error: { code: "unsupported_media_type" } } });
    expect(await prisma().webhookEndpoint.count({ where: { account } })).toBe(0);
  });

  it("answers 201 with the endpoint and its secret once; the list never shows a secret", async () => {
    const { endpoint, secret } = await registered(account, "http://127.0.0.1:9/Hook?shop=1");
    expect(endpoint).toEqual({
      id: expect.stringMatching(/^ep_[0-9a-f]{24}$/) as unknown,
      account,
      url: "http://127.0.0.1:9/Hook?shop=1",
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown,
      disabledAt: null,
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const list = await call(webhooksRoute.GET, { headers: bearer });
    expect(list.status).toBe(200);
    expect((list.body as EndpointsAnswer).endpoints).toContainEqual(endpoint);
    expect(JSON.stringify(list.body)).not.toContain(secret.slice("whsec_".length));
    const ofAccount = await call(webhooksRoute.GET, { path: `/?account=${account}`, headers: bearer });
    expect(ofAccount.body).toEqual({ endpoints: [endpoint] });
    const deliveries = await deliveriesOf(endpoint.id);
    expect(JSON.stringify(deliveries.body)).not.toContain(secret.slice("whsec_".length));
    const badFilter = await call(webhooksRoute.GET, { path: "/?account=xyz", headers: bearer });
    expect(badFilter).toMatchObject({ status: 400, body: invalidAny("account") });
  });

  it(`refuses an account's endpoint past ${endpointsPerAccountMax}, and takes one again after a disable`, async () => {
    const merchant = makeWallet().publicKey;
    const made: EndpointView[] = [];
    for (let index = 0; index < endpointsPerAccountMax; index++)
      made.push((await registered(merchant, `http://127.0.0.1:9/${index}`)).endpoint);
    const refused = await register({ account: merchant, url: "http://127.0.0.1:9/more" });
    expect(refused).toMatchObject({
      status: 400,
      body: invalid(
        "account",
        `has ${endpointsPerAccountMax} enabled endpoints already, the most one account may have; disable one first`,
      ),
    });
    expect((await disable(made[0]!.id)).status).toBe(200);
    await registered(merchant, "http://127.0.0.1:9/more");
  });
});

describe("disabling", () => {
  it("disables once and answers the endpoint; unknown and malformed ids are refused", async () => {
    const { endpoint } = await registered(makeWallet().publicKey);
    const first = await disable(endpoint.id);
    expect(first.status).toBe(200);
    const disabled = (first.body as { endpoint: EndpointView }).endpoint;
    expect(disabled).toEqual({ ...endpoint, disabledAt: expect.any(String) as unknown });
    const again = await disable(endpoint.id);
    expect(again).toMatchObject({ status: 200, body: { endpoint: disabled } });

    expect(await disable(missingId)).toMatchObject({
      status: 404,
      body: { error: { code: "not_found", message: `No webhook endpoint has the id ${missingId}.` } },
    });
    expect(await disable("ep_nope")).toMatchObject({
      status: 400,
      body: invalid("id", "must be an endpoint id (ep_ and 24 hex digits)"),
    });
    expect(await call(endpointRoute.GET, { params: { id: endpoint.id }, headers: bearer })).toMatchObject({
      status: 404,
      body: { error: { code: "not_found" } },
    });
  });
});

describe("deliveries", () => {
  it("lists real payments' deliveries, pending and due, for the endpoints of their accounts", async () => {
    const [alice, bob] = [makeWallet(), makeWallet()];
    const payer = await registered(alice.publicKey);
    const payee = await registered(bob.publicKey);
    // The faucet's mint is a payment to alice too: her endpoint gets it, before the payment she makes.
    const funded = await call(faucetRoute.POST, { body: { account: alice.publicKey } });
    expect(funded.status).toBe(201);
    const paid = await call(paymentsRoute.POST, { body: signPayment(alice, bob.publicKey, "25") });
    expect(paid.status).toBe(201);
    const due = (receipt: Receipt) => ({
      txId: receipt.txId,
      blockHeight: receipt.block.header.height,
      status: "pending",
      attempts: 0,
      createdAt: expect.any(String) as unknown,
      nextAttemptAt: expect.any(String) as unknown,
      lastAttemptAt: null,
      lastStatusCode: null,
      lastError: null,
      deliveredAt: null,
    });
    const [mint, payment] = [funded, paid].map((answer) => (answer.body as { receipt: Receipt }).receipt);
    const expected: [CreatedEndpointAnswer, Receipt[]][] = [
      [payer, [payment!, mint!]],
      [payee, [payment!]],
    ];
    for (const [{ endpoint }, receipts] of expected) {
      const page = await deliveriesOf(endpoint.id);
      expect(page.status).toBe(200);
      expect(page.body).toEqual({ endpoint, deliveries: receipts.map(due), nextCursor: null });
    }
  });

  it("pages newest first with nextCursor until null, and refuses bad cursors and limits", async () => {
    const { endpoint } = await registered(makeWallet().publicKey);
    // 25 deliveries in 5 blocks of 5, as the outbox writes them: one createdAtMs per block.
    const rows = Array.from({ length: 25 }, (_, index) => ({
      endpointId: endpoint.id,
      txId: hex64(1000 + index),
      blockHeight: 100 + Math.floor(index / 5),
      status: "delivered",
      attempts: 1,
      createdAtMs: BigInt(1_000_000 + Math.floor(index / 5) * 1000),
      nextAttemptAtMs: 0n,
      deliveredAtMs: 2_000_000n,
    }));
    await prisma().webhookDelivery.createMany({ data: rows });
    const seen: string[] = [];
    let query = "?limit=7";
    for (let pages = 1; ; pages++) {
      const page = await deliveriesOf(endpoint.id, query);
      expect(page.status).toBe(200);
      const body = page.body as DeliveriesAnswer;
      expect(body.deliveries.length).toBe(pages < 4 ? 7 : 4);
      seen.push(...body.deliveries.map((delivery) => delivery.txId));
      if (body.nextCursor === null) break;
      query = `?limit=7&cursor=${encodeURIComponent(body.nextCursor)}`;
    }
    const newestFirst = [...rows].sort((a, b) => Number(b.createdAtMs - a.createdAtMs) || (a.txId < b.txId ? 1 : -1));
    expect(seen).toEqual(newestFirst.map((row) => row.txId));
    const first = (await deliveriesOf(endpoint.id)).body as DeliveriesAnswer;
    expect(first.deliveries).toHaveLength(20);
    expect(first.deliveries[0]).toMatchObject({
      status: "delivered",
      nextAttemptAt: null,
      deliveredAt: expect.any(String) as unknown,
    });

    const refusals: [string, unknown][] = [
      ["?cursor=abc", invalid("cursor", "must be the nextCursor of a previous page")],
      ["?limit=0", invalid("limit", "must be at least 1")],
      ["?limit=101", invalid("limit", "must be at most 100")],
      [
        "?limit=1&limit=2",
        { error: { code: "invalid_request", message: "limit is given more than once", field: "limit" } },
      ],
    ];
    for (const [bad, answer] of refusals) {
      const response = await deliveriesOf(endpoint.id, bad);
      expect({ bad, status: response.status, body: response.body }).toEqual({ bad, status: 400, body: answer });
    }
    expect(await deliveriesOf(missingId)).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect(await deliveriesOf("nope")).toMatchObject({ status: 400, body: invalidAny("id") });
  });

  it("redelivers: due now, attempts reset; refused for an unknown delivery and a disabled endpoint", async () => {
    const { endpoint } = await registered(makeWallet().publicKey);
    const txId = hex64(77);
    await prisma().webhookDelivery.create({
      data: {
        endpointId: endpoint.id,
        txId,
        blockHeight: 3,
        status: "failed",
        attempts: 8,
        createdAtMs: 1000n,
        nextAttemptAtMs: 90_000n,
        lastAttemptAtMs: 90_000n,
        lastStatusCode: null,
        lastError: "connection refused",
      },
    });
    const before = Date.now();
    const response = await redeliver(endpoint.id, txId);
    expect(response.status).toBe(200);
    const { delivery } = response.body as DeliveryAnswer;
    expect(delivery).toMatchObject({ txId, status: "pending", attempts: 0, lastError: "connection refused" });
    expect(Date.parse(delivery.nextAttemptAt!)).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(delivery.nextAttemptAt!)).toBeLessThanOrEqual(Date.now());

    expect(await redeliver(endpoint.id, hex64(78))).toMatchObject({
      status: 404,
      body: {
        error: { code: "not_found", message: `Endpoint ${endpoint.id} has no delivery of transaction ${hex64(78)}.` },
      },
    });
    expect(await redeliver(endpoint.id, "XYZ")).toMatchObject({
      status: 400,
      body: invalid("txId", "must be 64 lowercase hexadecimal characters"),
    });
    expect(await redeliver(missingId, txId)).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    await disable(endpoint.id);
    expect(await redeliver(endpoint.id, txId)).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_request", message: "This endpoint is disabled: it gets no deliveries." } },
    });
    expect(await call(redeliverRoute.GET, { params: { id: endpoint.id, txId }, headers: bearer })).toMatchObject({
      status: 404,
    });
  });
});
