// The security headers on every kind of answer of a real `next start` server: a page, the not-found page, an API
// answer, API errors (from a route, from Next.js, from proxy.ts) and a static file. A page's Content-Security-
// Policy carries a fresh nonce that Next.js has put on every script it rendered; HSTS is sent only over https,
// which behind the node's TLS proxy means X-Forwarded-Proto's first value is `https`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startFreshServer } from "../../../support/server";

let server: RunningServer;

beforeAll(async () => {
  server = await startFreshServer("security-headers", {
    ADMIN_PASSWORD: "security-headers-password",
    // The test plays the node's TLS proxy: X-Forwarded-Proto is believed only from a trusted one.
    TRUSTED_PROXIES: "127.0.0.1",
  });
}, 300_000);

afterAll(async () => {
  await server.stop();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { headers, redirect: "manual", signal: AbortSignal.timeout(30_000) });

/** A page's policy, with its nonce replaced by `N`. */
const pagePolicy = [
  "script-src 'self' 'nonce-N' 'strict-dynamic' 'wasm-unsafe-eval'",
  "style-src 'self' 'nonce-N'",
  "style-src-attr 'unsafe-inline'",
  "default-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** The policy of everything that is not a page. */
const otherPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const nonceSource = /'nonce-([A-Za-z0-9+/]{22}==)'/;

function nonceOf(response: Response): string {
  const nonce = nonceSource.exec(response.headers.get("content-security-policy") ?? "")?.[1];
  if (nonce === undefined) throw new Error(`no nonce in ${response.headers.get("content-security-policy")}`);
  return nonce;
}

/** The headers every answer carries, whatever it is. */
function expectCommonHeaders(response: Response): void {
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  const permissions = response.headers.get("permissions-policy")?.split(", ");
  expect(permissions).toContain("camera=(self)");
  expect(permissions).toEqual(expect.arrayContaining(["microphone=()", "geolocation=()", "payment=()", "usb=()"]));
  expect(response.headers.get("strict-transport-security")).toBeNull();
}

describe("pages", () => {
  it.each([
    ["the wallet", "/", 200],
    ["the sign-in page", "/admin/login", 200],
    ["the not-found page", "/no-such-page", 404],
    ["the not-found page for a path that does not decode", "/%ZZ", 404],
    ["the explorer's redirect to sign-in", "/explorer", 307],
  ])("%s carries a nonce policy and the common headers", async (_name, path, status) => {
    const response = await get(path);
    expect(response.status).toBe(status);
    expectCommonHeaders(response);
    const nonce = nonceOf(response);
    expect(response.headers.get("content-security-policy")).toBe(pagePolicy.replaceAll("nonce-N", `nonce-${nonce}`));
  });

  it("puts the policy's nonce on every script it renders, and a fresh one on every load", async () => {
    const first = await get("/");
    const nonce = nonceOf(first);
    const scripts = (await first.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
    expect(nonceOf(await get("/"))).not.toBe(nonce);
  });
});

describe("everything else", () => {
  it.each([
    ["an API answer", "/api/health", 200],
    ["a route's refusal", "/api/blocks/not-a-height", 400],
    ["the API's not-found answer", "/api/no-such-route", 404],
    ["proxy.ts's refusal of a path that does not decode", "/api/blocks/%ZZ", 400],
  ])("%s carries the strict policy and the common headers", async (_name, path, status) => {
    const response = await get(path);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expectCommonHeaders(response);
    expect(response.headers.get("content-security-policy")).toBe(otherPolicy);
  });

  it("a static file (the app's stylesheet) carries them too", async () => {
    const stylesheet = /href="(\/_next\/static\/[^"]+\.css)"/.exec(await (await get("/")).text())?.[1];
    expect(stylesheet).toBeDefined();
    const response = await get(stylesheet!);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/css/);
    expectCommonHeaders(response);
    expect(response.headers.get("content-security-policy")).toBe(otherPolicy);
  });
});

describe("Strict-Transport-Security", () => {
  const hsts = "max-age=63072000";

  it.each([
    ["https", hsts],
    ["https, http", hsts],
    ["http", null],
    ["http, https", null],
    ["httpsx", null],
  ])("X-Forwarded-Proto %j gives %j on a page, an API answer and a static file", async (protocol, expected) => {
    const headers = { "x-forwarded-proto": protocol };
    const page = await get("/", headers);
    const stylesheet = /href="(\/_next\/static\/[^"]+\.css)"/.exec(await page.text())?.[1];
    expect(stylesheet).toBeDefined();
    for (const response of [page, await get("/api/health", headers), await get(stylesheet!, headers)]) {
      expect(response.headers.get("strict-transport-security")).toBe(expected);
    }
  });
});
