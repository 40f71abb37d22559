// The explorer shows nothing to a request without a current admin session: every page, as a document and as a
// client-side navigation's RSC request (with and without the router's state, which skips the layout), answers
// the redirect to sign in and nothing else. No body carries the page's data: the account's key and balance, the
// transaction's id, the total supply, the mint form. A session ended by signing out is refused the same way. With
// a session, the same pages do show those things, so what the test looks for is really on them.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { root } from "@/scripts/build-if-needed";
import type { Receipt } from "@/lib/ledger/types";
import { adminToken } from "../../../support/node";
import { type RunningServer, startFreshServer } from "../../../support/server";
import { makeWallet } from "../../../support/wallet";

const password = "explorer-without-session-password";
const account = makeWallet().publicKey;
let server: RunningServer;
let txId: string;

beforeAll(async () => {
  server = await startFreshServer("explorer-without-session", {
    ADMIN_TOKEN: adminToken,
    ADMIN_PASSWORD: password,
  });
  const minted = await fetch(`${server.url}/api/admin/mint`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ account, amount: "987654" }),
  });
  expect(minted.status).toBe(201);
  txId = ((await minted.json()) as { receipt: Receipt }).receipt.txId;
}, 300_000);

afterAll(async () => {
  await server.stop();
});

/** What only a rendered page shows: none of it may leave the node without a session. */
const secrets = () => [account, txId, "9,876.54", "Mint"];

const pages = () => [
  "/explorer",
  `/explorer/accounts/${account}`,
  "/explorer/blocks/1",
  `/explorer/transactions/${txId}`,
  `/explorer/search?q=${account.slice(0, 12)}`,
  "/explorer/actions",
  "/explorer/audit",
  `/explorer/webhooks?account=${account}`,
  "/explorer/webhooks/ep_000000000000000000000000",
];

// The router state of a page already showing /explorer: with it Next.js renders only the new page, not the layout.
const routerState = encodeURIComponent(
  JSON.stringify(["", { children: ["explorer", { children: ["__PAGE__", {}] }] }]),
);

const requestKinds: [string, Record<string, string>][] = [
  ["a document request", {}],
  ["an RSC request", { rsc: "1" }],
  ["an RSC navigation from inside the explorer", { rsc: "1", "next-router-state-tree": routerState }],
];

/**
 * One request, redirects not followed, except Next.js's own one for an RSC request without its `_rsc` cache key
 * (to the same path with the key added), which a browser's router would never need.
 */
async function get(path: string, headers: Record<string, string>) {
  let url = `${server.url}${path}`;
  for (let redirects = 0; ; redirects++) {
    const response = await fetch(url, { headers, redirect: "manual", signal: AbortSignal.timeout(30_000) });
    const location = response.headers.get("location");
    const isCacheKeyRedirect = location !== null && /[?&]_rsc(=|&|$)/.test(location) && !location.startsWith("/admin/");
    if (isCacheKeyRedirect && redirects === 0) {
      url = new URL(location, url).toString();
      continue;
    }
    return { status: response.status, location, body: await response.text() };
  }
}

/** The redirect to sign in, and no data but what the request's own path says. */
function expectSignInRedirect(answer: Awaited<ReturnType<typeof get>>, path: string): void {
  expect(answer.status).toBe(307);
  expect(answer.location).toBe(`/admin/login?next=${encodeURIComponent(path)}`);
  for (const secret of secrets()) if (!path.includes(secret)) expect(answer.body).not.toContain(secret);
}

/** Answered before anything renders: the redirect, with a body that is empty or repeats its Location. */
function expectSignInRedirectOnly(answer: Awaited<ReturnType<typeof get>>, path: string): void {
  expectSignInRedirect(answer, path);
  expect(["", answer.location]).toContain(answer.body);
}

async function signIn(): Promise<string> {
  const response = await fetch(`${server.url}/api/admin/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ password }),
  });
  expect(response.status).toBe(204);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

describe("explorer pages without a session", () => {
  for (const [kind, headers] of requestKinds) {
    it(`answer ${kind} with the sign-in redirect and no data`, async () => {
      for (const path of pages()) expectSignInRedirectOnly(await get(path, headers), path);
    });
  }

  it("answer a forged cookie the same way", async () => {
    const headers = { cookie: "chainpay_admin=eyJpYXQiOjEsImV4cCI6OTk5OTk5OTk5OTksImdlbiI6IjAifQ.forged" };
    for (const path of pages()) expectSignInRedirectOnly(await get(path, headers), path);
  });
});

describe("explorer pages with a session", () => {
  it("show the data looked for above", async () => {
    const cookie = await signIn();
    const home = await get("/explorer", { cookie });
    expect(home.status).toBe(200);
    expect(home.body).toContain("9,876.54");
    const accountPage = await get(`/explorer/accounts/${account}`, { cookie });
    expect(accountPage.body).toContain(account);
    expect(accountPage.body).toContain(txId);
    expect((await get("/explorer/actions", { cookie })).body).toContain("Mint");
  });

  it("show nothing once the session is signed out, though its cookie is still validly signed", async () => {
    const cookie = await signIn();
    expect((await get("/explorer", { cookie })).status).toBe(200);
    const signOut = await fetch(`${server.url}/api/admin/session`, { method: "DELETE", headers: { cookie } });
    expect(signOut.status).toBe(204);
    for (const [, headers] of requestKinds) {
      for (const path of pages()) {
        // Refused inside the page's data access (the proxy sees a validly signed cookie), before any read. An RSC
        // answer carries the redirect in its payload, for the browser's router to follow.
        const answer = await get(path, { ...headers, cookie });
        if (headers.rsc === undefined) expectSignInRedirect(answer, path);
        else {
          expect({ path, status: answer.status }).toEqual({ path, status: 200 });
          // With the router's state, a page it already shows has nothing new to render: no redirect, no data.
          const isShownAlready = headers["next-router-state-tree"] !== undefined && path === "/explorer";
          if (!isShownAlready)
            expect(answer.body).toContain(`NEXT_REDIRECT;replace;/admin/login?next=${encodeURIComponent(path)};307;`);
          for (const secret of secrets()) if (!path.includes(secret)) expect(answer.body).not.toContain(secret);
        }
      }
    }
  });
});

describe("the explorer's code", () => {
  const explorerDir = path.join(root, "app", "explorer");
  const files = readdirSync(explorerDir, { recursive: true, encoding: "utf8" }).filter((file) => /\.tsx?$/.test(file));

  it("gets the node only through the admin check, in every page and the layout", () => {
    for (const file of files) {
      const source = readFileSync(path.join(explorerDir, file), "utf8");
      expect({ file, importsGetNode: source.includes("@/lib/server/node/context") }).toEqual({
        file,
        importsGetNode: false,
      });
      if (/(^|\/)(page|layout)\.tsx$/.test(file))
        expect({ file, isChecked: source.includes("await adminPageNode()") }).toEqual({ file, isChecked: true });
    }
  });
});
