// Paths and query strings whose percent-escapes do not decode, against a real `next start` server: Next.js
// decodes path parameters before any handler runs, so only proxy.ts stands between such a path and a bare 500.
// An API path answers the protocol's 400 `invalid_request`; a page path answers the not-found page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testChainId } from "../support/node";
import { type RunningServer, startFreshServer } from "../support/server";

let server: RunningServer;

beforeAll(async () => {
  server = await startFreshServer("malformed-urls", {
    ADMIN_PASSWORD: "malformed-urls-password",
  });
}, 300_000);

afterAll(async () => {
  await server.stop();
});

/** The message a path with a malformed segment gets, quoting the segment as the node does. */
const malformedSegment = (segment: string) => ({
  error: {
    code: "invalid_request",
    message: `The URL path segment ${JSON.stringify(segment)} is not valid percent-encoding.`,
  },
});

const invalid = (field: string, message: string) => ({
  error: { code: "invalid_request", message: `${field}: ${message}`, field },
});

const hex64 = "ab".repeat(32);

type ApiCase = { name: string; path: string; method?: string; status: number; body: unknown };

const apiCases: ApiCase[] = [
  { name: "a transaction id", path: "/api/transactions/%ZZ", status: 400, body: malformedSegment("%ZZ") },
  { name: "a block height or hash", path: "/api/blocks/%ZZ", status: 400, body: malformedSegment("%ZZ") },
  { name: "an account", path: "/api/accounts/%ZZ", status: 400, body: malformedSegment("%ZZ") },
  { name: "an unknown API path", path: "/api/%ZZ", status: 400, body: malformedSegment("%ZZ") },
  { name: "a path below a static route", path: "/api/health/%ZZ", status: 400, body: malformedSegment("%ZZ") },
  { name: "a lone %", path: "/api/blocks/%", status: 400, body: malformedSegment("%") },
  { name: "a % with one hex digit", path: "/api/transactions/%A", status: 400, body: malformedSegment("%A") },
  {
    name: "truncated UTF-8",
    path: "/api/blocks/%E0%A4%A",
    status: 400,
    body: malformedSegment("%E0%A4%A"),
  },
  { name: "bytes that are not UTF-8", path: "/api/accounts/%C0%AF", status: 400, body: malformedSegment("%C0%AF") },
  {
    name: "a malformed segment after a good one",
    path: `/api/accounts/${hex64}/%ZZ`,
    status: 400,
    body: malformedSegment("%ZZ"),
  },
  { name: "a POST", path: "/api/payments/%ZZ", method: "POST", status: 400, body: malformedSegment("%ZZ") },
  {
    name: "a long segment, quoted only in part",
    path: `/api/blocks/${"%ZZ".repeat(40)}`,
    status: 400,
    body: malformedSegment(`${"%ZZ".repeat(40).slice(0, 64)}…`),
  },
  {
    name: "a double-encoded escape, decoded once and refused by the route",
    path: "/api/transactions/%25ZZ",
    status: 400,
    body: invalid("txId", "must be 64 lowercase hexadecimal characters"),
  },
  {
    name: "a double-encoded digit, decoded once and refused by the route",
    path: "/api/blocks/%2530",
    status: 400,
    body: {
      error: {
        code: "invalid_request",
        message: "must be a block height or a 64-character block hash",
        field: "heightOrHash",
      },
    },
  },
  {
    name: "a malformed escape in the query string, refused by the route's schema",
    path: "/api/blocks?limit=%ZZ",
    status: 400,
    body: invalid("limit", "must be a non-negative whole number"),
  },
  {
    name: "truncated UTF-8 in the query string",
    path: "/api/headers?from=%E0%A4%A",
    status: 400,
    body: invalid("from", "must be a non-negative whole number"),
  },
  {
    name: "a lone % in the query string",
    path: `/api/accounts/${hex64}?before=%`,
    status: 400,
    body: {
      error: { code: "invalid_request", message: "before must be the nextBefore of a previous page", field: "before" },
    },
  },
];

describe("an API path whose percent-escapes do not decode", () => {
  it.each(apiCases)("$name: $path", async ({ path, method, status, body }) => {
    const response = await fetch(`${server.url}${path}`, { method: method ?? "GET" });
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual(body);
  });

  it("still serves a path whose escapes decode: %30 is block 0", async () => {
    const response = await fetch(`${server.url}/api/blocks/%30`);
    expect(response.status).toBe(200);
    const { block } = (await response.json()) as { block: { header: { height: number; chainId: string } } };
    expect(block.header).toMatchObject({ height: 0, chainId: testChainId });
  });

  it("never reaches a route with the bad path, and the server stays well", async () => {
    expect(server.output()).not.toMatch(/Failed to decode|URIError/);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});

const pagePaths = [
  "/explorer/transactions/%ZZ",
  "/explorer/blocks/%ZZ",
  "/explorer/accounts/%E0%A4%A",
  "/receipts/%ZZ",
  "/receipts/%",
  "/receipts/%ZZ?from=wallet",
  "/%ZZ",
];

describe("a page path whose percent-escapes do not decode", () => {
  it.each(pagePaths)("%s answers the not-found page", async (path) => {
    const response = await fetch(`${server.url}${path}`, { redirect: "manual" });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html).toContain("<title>Page not found · chainpay</title>");
    expect(html).toMatch(/<h1[^>]*>Page not found<\/h1>/);
    expect(html).toMatch(/<a [^>]*href="\/"[^>]*>Go to the wallet<\/a>/);
  });

  it("still routes an explorer path whose escapes decode: to the sign-in page, with the path to come back to", async () => {
    const response = await fetch(`${server.url}/explorer/blocks/%30`, { redirect: "manual" });
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe(`/admin/login?next=${encodeURIComponent("/explorer/blocks/%30")}`);
  });
});
