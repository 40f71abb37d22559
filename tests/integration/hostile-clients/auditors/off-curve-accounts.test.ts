// Accounts are points, against a real `next start` server: a payee, payer, faucet account or admin mint account
// whose 32 bytes do not decode to an Ed25519 point (RFC 8032 §5.1.3) is refused as a bad request's shape, the
// whole error body as asserted here, and nothing reaches the ledger: the head stays where it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminToken } from "../../../support/node";
import { getJson, type RunningServer, startFreshServer } from "../../../support/server";
import { makeWallet, signPayment, signTransaction } from "../../../support/wallet";

let server: RunningServer;

beforeAll(async () => {
  server = await startFreshServer("off-curve-accounts", {
    ADMIN_TOKEN: adminToken,
    FAUCET_AMOUNT: "1000",
    FAUCET_INTERVAL_SECONDS: "0",
  });
}, 300_000);

afterAll(async () => {
  await server.stop();
});

// y = 2: x² = 3/(4d + 1) has no square root mod p, so no point has this y (tests/unit/ledger shows why).
const offCurveKey = `02${"00".repeat(31)}`;
// y = p + 3: the point y = 3 written with y ≥ p, an encoding RFC 8032 refuses.
const nonCanonicalKey = `f0${"ff".repeat(30)}7f`;
const notAPoint = "is not an Ed25519 public key: it does not decode to a point of the curve (RFC 8032 §5.1.3)";

const invalid = (field: string) => ({
  error: { code: "invalid_request", message: `${field}: ${notAPoint}`, field },
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

async function headHeight(): Promise<number> {
  const { body } = await getJson(`${server.url}/api/node`);
  return (body as { head: { header: { height: number } } }).head.header.height;
}

async function balanceOf(account: string): Promise<string> {
  return ((await getJson(`${server.url}/api/accounts/${account}`)).body as { balance: string }).balance;
}

const alice = makeWallet();

describe("keys that are no points", () => {
  it("the payer has money, so a payment that passed the shape check would be recorded", async () => {
    expect((await post("/api/faucet", { account: alice.publicKey })).status).toBe(201);
    expect(await balanceOf(alice.publicKey)).toBe("1000");
  });

  it.each([
    { name: "a payment to an off-curve key", payee: offCurveKey },
    { name: "a payment to a non-canonical encoding", payee: nonCanonicalKey },
  ])("$name is refused at tx.to, and the ledger is unchanged", async ({ payee }) => {
    const height = await headHeight();
    const answer = await post("/api/payments", signPayment(alice, payee, "100"));
    expect(answer).toEqual({ status: 400, body: invalid("tx.to") });
    expect(await headHeight()).toBe(height);
    expect(await balanceOf(alice.publicKey)).toBe("1000");
    expect(await balanceOf(payee)).toBe("0");
  });

  it("a payment from an off-curve key is refused at tx.from before its signature is looked at", async () => {
    const height = await headHeight();
    const { tx } = signPayment(alice, makeWallet().publicKey, "100");
    const answer = await post("/api/payments", signTransaction(alice, { ...tx, from: offCurveKey }));
    expect(answer).toEqual({ status: 400, body: invalid("tx.from") });
    expect(await headHeight()).toBe(height);
  });

  it("a batch answers its off-curve item alone, and records the good one", async () => {
    const height = await headHeight();
    const bob = makeWallet();
    const answer = await post("/api/payments/batch", {
      payments: [signPayment(alice, offCurveKey, "100"), signPayment(alice, bob.publicKey, "100")],
    });
    expect(answer.status).toBe(200);
    const [refused, recorded] = (answer.body as { results: Record<string, unknown>[] }).results;
    expect(refused).toEqual(invalid("tx.to"));
    expect(recorded).toMatchObject({ created: true });
    expect(await headHeight()).toBe(height + 1);
    expect(await balanceOf(offCurveKey)).toBe("0");
    expect(await balanceOf(bob.publicKey)).toBe("100");
  });

  it("the faucet refuses to mint to an off-curve key, at account", async () => {
    const height = await headHeight();
    expect(await post("/api/faucet", { account: offCurveKey })).toEqual({ status: 400, body: invalid("account") });
    expect(await headHeight()).toBe(height);
    expect(await balanceOf(offCurveKey)).toBe("0");
  });

  it("the admin mint refuses an off-curve key, at account", async () => {
    const height = await headHeight();
    const answer = await post(
      "/api/admin/mint",
      { account: offCurveKey, amount: "500" },
      { authorization: `Bearer ${adminToken}` },
    );
    expect(answer).toEqual({ status: 400, body: invalid("account") });
    expect(await headHeight()).toBe(height);
    expect(await balanceOf(offCurveKey)).toBe("0");
  });

  it("the chain the node kept still audits clean", async () => {
    const { status, body } = await getJson(`${server.url}/api/admin/audit`, {
      authorization: `Bearer ${adminToken}`,
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, height: await headHeight(), firstBad: null });
  });
});
