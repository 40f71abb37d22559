// Admin sign-in and the admin actions through the real route handlers and a real database: the password made once
// at first start, session cookies and what tampering does to them, sign-out, minting and switching the faucet.
// The limit on guessing and the end of sessions are in hostile-clients/access/admin-sessions.test.ts.
import { createHmac, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as accountsRoute from "@/app/api/accounts/[publicKey]/route";
import * as auditRoute from "@/app/api/admin/audit/route";
import * as adminFaucetRoute from "@/app/api/admin/faucet/route";
import * as mintRoute from "@/app/api/admin/mint/route";
import * as sessionRoute from "@/app/api/admin/session/route";
import * as faucetRoute from "@/app/api/faucet/route";
import * as nodeRoute from "@/app/api/node/route";
import { verifyWithWebCrypto } from "@/lib/ledger/ed25519";
import { balanceMinorMax } from "@/lib/ledger/limits";
import { verifyReceipt } from "@/lib/ledger/receipt";
import type { Receipt } from "@/lib/ledger/types";
import { isAdminSession } from "@/lib/server/admin/require-admin";
import { createSessionToken } from "@/lib/server/admin/admin-session";
import { readSessionGeneration } from "@/lib/server/admin/session-generation";
import { readConfig } from "@/lib/server/node/env";
import type { LedgerNode } from "@/lib/server/node/context";
import { prepareNode } from "@/lib/server/node/prepare-node";
import { safeNextPath } from "@/lib/validations/admin";
import { rawQuery } from "../support/database";
import { adminToken, call, makeDataDir, startTestNode, testChainId, type CallResult } from "../support/node";
import { makeWallet } from "../support/wallet";
import { cookieOf, signedInCookie, signIn, testAdminPassword } from "../support/admin-session";

const password = testAdminPassword;
const bearer = { authorization: `Bearer ${adminToken}` };
const unauthorized = { error: { code: "unauthorized", message: "This call needs an admin's token or session." } };
const wrongPassword = { error: { code: "unauthorized", message: "The password is wrong." } };
const invalid = (field: string, message: string) => ({
  error: { code: "invalid_request", message: `${field}: ${message}`, field },
});
const unknownField = (field: string) => invalid(field, "unknown field: only signed fields may be sent");
const twelveHoursMs = 12 * 60 * 60 * 1000;

/** A node whose admin password comes from ADMIN_PASSWORD, unless `environment` says otherwise. */
async function startAdminNode(name: string, environment: Record<string, string> = {}): Promise<LedgerNode> {
  // startTestNode leaves variables it does not know as they were: each node here says what its password is.
  delete process.env.ADMIN_PASSWORD;
  return await startTestNode(name, { ADMIN_PASSWORD: password, ...environment });
}

/** readConfig with only these variables, as a process started with exactly them would see. */
function configOf(variables: Record<string, string>) {
  return readConfig(variables as NodeJS.ProcessEnv);
}

function audit(headers: Record<string, string>): Promise<CallResult> {
  return call(auditRoute.GET, { headers });
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the admin password", () => {
  const dataDir = makeDataDir("admin-password");
  const environment = { DATA_DIR: dataDir, CHAIN_ID: testChainId };
  let generated: string | null = null;

  it("is made on the first prepare and returned that once; later prepares return nothing", async () => {
    const first = await prepareNode(configOf(environment));
    await first.store.close();
    generated = first.newAdminPassword;
    expect(generated).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const second = await prepareNode(configOf(environment));
    await second.store.close();
    expect(second.newAdminPassword).toBeNull();
  });

  it("is stored only as its scrypt hash, and the session secret beside it, both readable by the owner alone", () => {
    const passwordFile = path.join(dataDir, "admin-password.json");
    const secretFile = path.join(dataDir, "session-secret");
    expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    const stored = readFileSync(passwordFile, "utf8");
    expect(stored).not.toContain(generated!);
    // 16 bytes of salt and 32 of hash, in base64url.
    expect(JSON.parse(stored)).toEqual({
      version: 1,
      scrypt: { N: 32768, r: 8, p: 1 },
      salt: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) as string,
      hash: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) as string,
    });
    expect(readFileSync(secretFile)).toHaveLength(32);
    // Written beside their names first and linked into place: nothing half-made is left behind.
    expect(readdirSync(dataDir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("signs the admin in on the node it was made for", async () => {
    delete process.env.ADMIN_PASSWORD;
    await startTestNode("admin-generated", environment);
    expect((await signIn(generated!)).status).toBe(204);
    expect((await signIn("not-the-password")).body).toEqual(wrongPassword);
  });

  it("gives way to ADMIN_PASSWORD, which is never written down", async () => {
    await startAdminNode("admin-from-env", { DATA_DIR: dataDir });
    expect((await signIn(password)).status).toBe(204);
    expect((await signIn(generated!)).body).toEqual(wrongPassword);
    const otherDataDir = makeDataDir("admin-env-only");
    const prepared = await prepareNode(configOf({ DATA_DIR: otherDataDir, ADMIN_PASSWORD: password }));
    await prepared.store.close();
    expect(prepared.newAdminPassword).toBeNull();
    expect(existsSync(path.join(otherDataDir, "admin-password.json"))).toBe(false);
  });

  it("from ADMIN_PASSWORD must be at least 8 characters", () => {
    expect(() => configOf({ ADMIN_PASSWORD: "short" })).toThrow(
      "Invalid configuration: ADMIN_PASSWORD: must be at least 8 characters",
    );
  });
});

describe("admin sessions", () => {
  let node: LedgerNode;
  let generation: string;
  beforeAll(async () => {
    node = await startAdminNode("admin-sessions");
    generation = await readSessionGeneration(node.store);
  });

  it("sets an HttpOnly, SameSite=Strict cookie for the whole site on the right password", async () => {
    const response = await signIn(password);
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
    expect(response.headers.get("set-cookie")).toMatch(
      /^chainpay_admin=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}; Path=\/; Max-Age=43200; HttpOnly; SameSite=Strict$/,
    );
  });

  it("marks the cookie Secure when the request came over https", async () => {
    const response = await signIn(password, { "x-forwarded-proto": "https" });
    expect(response.headers.get("set-cookie")).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
  });

  it("lets the cookie through admin calls in place of the token", async () => {
    const cookie = await signedInCookie();
    const response = await audit({ cookie: `theme=dark; ${cookie}` });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ ok: true, firstBad: null });
  });

  it("is what server components ask about, from a Cookie header or from cookies()", async () => {
    const cookie = await signedInCookie();
    const token = cookie.slice("chainpay_admin=".length);
    expect(await isAdminSession(cookie)).toBe(true);
    expect(await isAdminSession({ get: (name) => (name === "chainpay_admin" ? { value: token } : undefined) })).toBe(
      true,
    );
    expect(await isAdminSession({ get: () => undefined })).toBe(false);
    expect(await isAdminSession(null)).toBe(false);
    expect(await isAdminSession(`chainpay_admin=${token}x`)).toBe(false);
  });

  const signedPayload = (claims: object, secret: Buffer) => {
    const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
    return `${payload}.${createHmac("sha256", secret).update(payload).digest("base64url")}`;
  };

  it.each<{ name: string; token: () => string }>([
    { name: "an empty cookie", token: () => "" },
    { name: "a cookie that is no token", token: () => "admin" },
    {
      name: "a token with its signature changed",
      token: () =>
        createSessionToken(node.admin.sessionSecret, generation, Date.now()).replace(/.$/, (last) =>
          last === "A" ? "B" : "A",
        ),
    },
    {
      name: "a token with its expiry moved and the old signature",
      token: () => {
        const [payload, signature] = createSessionToken(
          node.admin.sessionSecret,
          generation,
          Date.now() - twelveHoursMs - 1000,
        ).split(".");
        const claims = JSON.parse(Buffer.from(payload!, "base64url").toString()) as { iat: number; exp: number };
        return `${Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 86_400 })).toString("base64url")}.${signature}`;
      },
    },
    {
      name: "a token signed with another secret",
      token: () => createSessionToken(randomBytes(32), generation, Date.now()),
    },
    {
      name: "an expired token",
      token: () => createSessionToken(node.admin.sessionSecret, generation, Date.now() - twelveHoursMs - 1000),
    },
    {
      name: "a token of another session generation",
      token: () => createSessionToken(node.admin.sessionSecret, "0123456789abcdef", Date.now()),
    },
    {
      name: "a token the node signed that claims more than 12 hours",
      token: () =>
        signedPayload(
          { iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 13 * 3600, gen: generation },
          node.admin.sessionSecret,
        ),
    },
    {
      name: "a token with another shape",
      token: () =>
        signedPayload({ exp: Math.floor(Date.now() / 1000) + 3600, gen: generation }, node.admin.sessionSecret),
    },
  ])("refuses $name with 401", async ({ token }) => {
    const response = await audit({ cookie: `chainpay_admin=${token()}` });
    expect(response.status).toBe(401);
    expect(response.body).toEqual(unauthorized);
  });

  it("stops the cookie working once its 12 hours are over", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const cookie = await signedInCookie();
    vi.advanceTimersByTime(twelveHoursMs - 1000);
    expect((await audit({ cookie })).status).toBe(200);
    vi.advanceTimersByTime(1000);
    expect((await audit({ cookie })).body).toEqual(unauthorized);
  });

  it("refuses a wrong password with 401 and sets no cookie", async () => {
    const response = await signIn("correct horse battery stapler");
    expect(response.status).toBe(401);
    expect(response.body).toEqual(wrongPassword);
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("clears the cookie on sign-out", async () => {
    const response = await call(sessionRoute.DELETE, { method: "DELETE" });
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
    expect(response.headers.get("set-cookie")).toBe("chainpay_admin=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    // What the browser sends afterwards: no session, so no admin.
    expect((await audit({ cookie: cookieOf(response) })).body).toEqual(unauthorized);
  });

  it.each<{ name: string; request: { body?: unknown; rawBody?: string }; status: number; body: unknown }>([
    {
      name: "no password",
      request: { body: {} },
      status: 400,
      body: invalid("password", "Invalid input: expected string, received undefined"),
    },
    {
      name: "an empty password",
      request: { body: { password: "" } },
      status: 400,
      body: invalid("password", "must not be empty"),
    },
    {
      name: "a password of 257 characters",
      request: { body: { password: "p".repeat(257) } },
      status: 400,
      body: invalid("password", "must be at most 256 characters"),
    },
    {
      name: "a password as a number",
      request: { body: { password: 12345678 } },
      status: 400,
      body: invalid("password", "Invalid input: expected string, received number"),
    },
    {
      name: "an unknown field",
      request: { body: { password, user: "admin" } },
      status: 400,
      body: unknownField("user"),
    },
    {
      name: "malformed JSON",
      request: { rawBody: '{"password": ' },
      status: 400,
      body: { error: { code: "invalid_json", message: "The body is not valid JSON." } },
    },
  ])("refuses a sign-in with $name", async ({ request, status, body }) => {
    const response = await call(sessionRoute.POST, request);
    expect(response.body).toEqual(body);
    expect(response.status).toBe(status);
    expect(response.headers.get("set-cookie")).toBeNull();
  });
});

describe("POST /api/admin/mint", () => {
  let node: LedgerNode;
  const alice = makeWallet();
  const mint = (body: unknown, headers: Record<string, string> = bearer) => call(mintRoute.POST, { body, headers });
  const balanceOf = async (account: string) =>
    ((await call(accountsRoute.GET, { params: { publicKey: account } })).body as { balance: string }).balance;

  beforeAll(async () => {
    node = await startAdminNode("admin-mint");
  });

  it.each([
    ["no token or session", {}],
    ["a wrong token", { authorization: "Bearer wrong-token-wrong-token" }],
    ["a forged session", { cookie: `chainpay_admin=${createSessionToken(randomBytes(32), "0", Date.now())}` }],
  ])("refuses %s with 401 and mints nothing", async (_name, headers) => {
    const response = await mint({ account: alice.publicKey, amount: "100" }, headers);
    expect(response.status).toBe(401);
    expect(response.body).toEqual(unauthorized);
    expect((await node.store.head())!.header.height).toBe(0);
  });

  it("mints to the account with the token: a receipt signed by the node that verifies, and the balance moves", async () => {
    const response = await mint({ account: alice.publicKey, amount: "1234" });
    expect(response.status).toBe(201);
    const { receipt } = response.body as { receipt: Receipt };
    expect(receipt.tx).toEqual({
      type: "mint",
      chainId: testChainId,
      from: node.nodePublicKey,
      to: alice.publicKey,
      amount: "1234",
      memo: "admin mint",
      timestamp: expect.any(String) as string,
    });
    expect(await verifyReceipt(receipt, node.nodePublicKey, verifyWithWebCrypto)).toMatchObject({ ok: true });
    expect(receipt.block.header.height).toBe(1);
    expect(await balanceOf(alice.publicKey)).toBe("1234");
  });

  it("mints with a signed-in admin's session too", async () => {
    const response = await mint({ account: alice.publicKey, amount: "66" }, { cookie: await signedInCookie() });
    expect(response.status).toBe(201);
    expect(await balanceOf(alice.publicKey)).toBe("1300");
  });

  it.each<{ name: string; body: unknown; expected: unknown }>([
    {
      name: "a malformed account",
      body: { account: "nope", amount: "1" },
      expected: invalid("account", "must be 64 lowercase hexadecimal characters"),
    },
    {
      name: "no account",
      body: { amount: "1" },
      expected: invalid("account", "Invalid input: expected string, received undefined"),
    },
    {
      name: "an amount of 0",
      body: { account: makeWallet().publicKey, amount: "0" },
      expected: invalid(
        "amount",
        "must be a whole number of minor units written as a string: 1 to 16 digits, no leading zero",
      ),
    },
    {
      name: "an amount as a number",
      body: { account: makeWallet().publicKey, amount: 5 },
      expected: invalid("amount", "Invalid input: expected string, received number"),
    },
    {
      name: "an unknown field",
      body: { account: makeWallet().publicKey, amount: "5", memo: "hi" },
      expected: unknownField("memo"),
    },
    {
      name: "the node's own account",
      body: () => ({ account: node.nodePublicKey, amount: "5" }),
      expected: { error: { code: "invalid_request", message: "The node cannot pay itself.", field: "account" } },
    },
  ])("refuses $name with invalid_request, minting nothing", async ({ body, expected }) => {
    const headBefore = await node.store.head();
    const response = await mint(typeof body === "function" ? (body as () => unknown)() : body);
    expect(response.body).toEqual(expected);
    expect(response.status).toBe(400);
    expect(await node.store.head()).toEqual(headBefore);
  });

  it("refuses a mint that would overflow the balance, naming the amount", async () => {
    const rich = makeWallet().publicKey;
    await rawQuery(node.config.databaseUrl, `INSERT INTO "Account" ("publicKey", "balanceMinor") VALUES ($1, $2)`, [
      Buffer.from(rich, "hex"),
      balanceMinorMax - 5n,
    ]);
    const response = await mint({ account: rich, amount: "10" });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: {
        code: "invalid_request",
        message: "This amount would overflow the recipient's balance.",
        field: "amount",
      },
    });
  });
});

describe("POST /api/admin/faucet", () => {
  const account = makeWallet().publicKey;
  const switchFaucet = (body: unknown, headers: Record<string, string> = bearer) =>
    call(adminFaucetRoute.POST, { body, headers });

  beforeAll(async () => {
    await startAdminNode("admin-faucet", { FAUCET_AMOUNT: "1000" });
  });

  it("refuses anyone but an admin", async () => {
    const response = await switchFaucet({ enabled: false }, {});
    expect(response.status).toBe(401);
    expect(response.body).toEqual(unauthorized);
  });

  it("switches the faucet off, so that it answers faucet_disabled, and on again", async () => {
    const off = await switchFaucet({ enabled: false }, { cookie: await signedInCookie() });
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ faucet: { enabled: false, amount: "1000" } });
    expect(((await call(nodeRoute.GET)).body as { faucet: unknown }).faucet).toEqual({
      enabled: false,
      amount: "1000",
    });
    const refused = await call(faucetRoute.POST, { body: { account } });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      error: { code: "faucet_disabled", message: "The faucet is switched off on this node." },
    });

    const on = await switchFaucet({ enabled: true });
    expect(on.body).toEqual({ faucet: { enabled: true, amount: "1000" } });
    expect((await call(faucetRoute.POST, { body: { account } })).status).toBe(201);
  });

  it.each<{ name: string; body: unknown; expected: unknown }>([
    { name: "a string for enabled", body: { enabled: "yes" }, expected: invalid("enabled", "must be true or false") },
    { name: "no enabled", body: {}, expected: invalid("enabled", "must be true or false") },
    { name: "an unknown field", body: { enabled: true, amount: "5" }, expected: unknownField("amount") },
  ])("refuses $name with invalid_request", async ({ body, expected }) => {
    const response = await switchFaucet(body);
    expect(response.status).toBe(400);
    expect(response.body).toEqual(expected);
  });

  it("will not switch on a faucet with FAUCET_AMOUNT=0, but will switch it off", async () => {
    await startAdminNode("admin-faucet-zero", { FAUCET_AMOUNT: "0" });
    const on = await switchFaucet({ enabled: true });
    expect(on.status).toBe(400);
    expect(on.body).toEqual({
      error: {
        code: "invalid_request",
        message: "The faucet cannot be switched on while FAUCET_AMOUNT is 0.",
        field: "enabled",
      },
    });
    expect((await switchFaucet({ enabled: false })).body).toEqual({ faucet: { enabled: false, amount: "0" } });
  });
});

describe("where the sign-in page sends the admin afterwards", () => {
  it.each<[unknown, string]>([
    ["/explorer/blocks/12?tab=transactions#top", "/explorer/blocks/12?tab=transactions#top"],
    ["/explorer", "/explorer"],
    [undefined, "/explorer"],
    [["/explorer/audit", "/explorer"], "/explorer"],
    ["", "/explorer"],
    ["explorer", "/explorer"],
    ["https://evil.example/", "/explorer"],
    ["//evil.example/", "/explorer"],
    ["/\\evil.example/", "/explorer"],
    ["/\t/evil.example/", "/explorer"],
    ["/admin/login?next=/explorer", "/explorer"],
  ])("next=%j goes to %s", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});
