// What Next.js itself would refuse before any route runs, and how chainpay's server answers it instead, on a real
// server: a method a route file does not serve (Next.js: a bare 405 with no body) answers the protocol's
// not_found JSON with an Allow header; a page request with a router-state header Next.js cannot parse (Next.js:
// a 500) is rendered as for a client with no state.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminToken } from "../../support/node";
import { type RunningServer, startFreshServer } from "../../support/server";

let server: RunningServer;

beforeAll(async () => {
  server = await startFreshServer("framework-refusals", {
    ADMIN_TOKEN: adminToken,
  });
}, 300_000);

afterAll(async () => {
  await server?.stop();
});

/** Each API route with the methods it serves. */
const served: [string, string[]][] = [
  ["/api/node", ["GET"]],
  ["/api/health", ["GET"]],
  ["/api/blocks", ["GET"]],
  ["/api/blocks/0", ["GET"]],
  ["/api/headers", ["GET"]],
  ["/api/events", ["GET"]],
  ["/api/transactions/00", ["GET"]],
  ["/api/accounts/00", ["GET"]],
  ["/api/payments", ["POST"]],
  ["/api/payments/batch", ["POST"]],
  ["/api/faucet", ["POST"]],
  ["/api/admin/session", ["POST", "DELETE"]],
  ["/api/admin/mint", ["POST"]],
  ["/api/admin/faucet", ["POST"]],
  ["/api/admin/audit", ["GET"]],
  ["/api/admin/audit/stream", ["GET"]],
  ["/api/admin/export", ["GET"]],
  ["/api/admin/webhooks", ["GET", "POST"]],
  ["/api/admin/webhooks/ep_000000000000000000000000", ["DELETE"]],
  ["/api/admin/webhooks/ep_000000000000000000000000/deliveries", ["GET"]],
  [`/api/admin/webhooks/ep_000000000000000000000000/deliveries/${"00".repeat(32)}/redeliver`, ["POST"]],
];
const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

describe("methods a route does not serve", () => {
  it("answer not_found in the protocol's error JSON, with Allow naming the served methods, on every API route", async () => {
    const answers: string[] = [];
    for (const [path, allowed] of served) {
      for (const method of methods.filter((name) => !allowed.includes(name))) {
        const response = await fetch(`${server.url}${path}`, { method, signal: AbortSignal.timeout(30_000) });
        const body = (await response.json()) as { error?: { code?: string } };
        answers.push(
          `${method} ${path}: ${response.status} ${body.error?.code} allow=${response.headers.get("allow")}`,
        );
      }
    }
    expect(answers).toEqual(
      served.flatMap(([path, allowed]) =>
        methods
          .filter((name) => !allowed.includes(name))
          .map((method) => `${method} ${path}: 404 not_found allow=${allowed.join(", ")}`),
      ),
    );
  });
});

describe("a router-state header Next.js cannot parse", () => {
  it.each(["x", "[]", "%5B%22%22%5D", '[1,{"children":2}]'])(
    "%s: the page is rendered whole, not a 500",
    async (state) => {
      const page = `${server.url}/receipts/${"ab".repeat(32)}`;
      const headers = { rsc: "1", "next-router-state-tree": state };
      // An RSC request is first sent on to a cache-busting URL made from its headers; that one is rendered.
      const first = await fetch(page, { headers, redirect: "manual" });
      expect(first.status).toBe(307);
      const response = await fetch(new URL(first.headers.get("location")!, page), { headers, redirect: "manual" });
      expect(response.status).toBe(200);
      expect(server.output()).not.toMatch(/router state header/i);
    },
  );
});
