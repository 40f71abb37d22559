// Admins against hostile clients, through the real route handlers: the limit on guessing the password is kept per
// client (the connection's address in `peerAddressHeader`, as chainpay's server sets it; an IPv6 client counted as
// its /64), and a flood from many addresses never refuses a client that has not guessed. Sessions carry the stored
// session generation: signing out, and a new admin password at the next start, end them.
import { rmSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as auditRoute from "@/app/api/admin/audit/route";
import * as sessionRoute from "@/app/api/admin/session/route";
import { createSessionToken } from "@/lib/server/admin/admin-session";
import { isAdminSession } from "@/lib/server/admin/require-admin";
import { peerAddressHeader } from "@/lib/server/http/client-address";
import type { LedgerNode } from "@/lib/server/node/context";
import { readConfig } from "@/lib/server/node/env";
import { prepareNode } from "@/lib/server/node/prepare-node";
import { freshDatabaseUrl } from "../../../support/database";
import { adminToken, call, makeDataDir, startTestNode, testChainId } from "../../../support/node";
import { cookieOf, signedInCookie, signIn, testAdminPassword } from "../../../support/admin-session";

const password = testAdminPassword;
const bearer = { authorization: `Bearer ${adminToken}` };
const unauthorized = { error: { code: "unauthorized", message: "This call needs an admin's token or session." } };
const wrongPassword = { error: { code: "unauthorized", message: "The password is wrong." } };

/** A node whose admin password comes from ADMIN_PASSWORD, unless `environment` says otherwise. */
async function startAdminNode(name: string, environment: Record<string, string> = {}): Promise<LedgerNode> {
  delete process.env.ADMIN_PASSWORD;
  return await startTestNode(name, { ADMIN_PASSWORD: password, ...environment });
}

const audit = (headers: Record<string, string>) => call(auditRoute.GET, { headers });

afterEach(() => {
  vi.useRealTimers();
});

describe("signing out", () => {
  let node: LedgerNode;
  beforeAll(async () => {
    node = await startAdminNode("sessions-sign-out");
  });

  it("ends the session on sign-out, and every other one with it, so that a kept copy of the cookie is refused", async () => {
    const signingOut = await signedInCookie();
    const otherBrowser = await signedInCookie();
    expect((await audit({ cookie: signingOut })).status).toBe(200);
    const response = await call(sessionRoute.DELETE, { method: "DELETE", headers: { cookie: signingOut } });
    expect(response.status).toBe(204);
    expect((await audit({ cookie: signingOut })).body).toEqual(unauthorized);
    expect((await audit({ cookie: otherBrowser })).body).toEqual(unauthorized);
    expect(await isAdminSession(signingOut)).toBe(false);
    // Signing in again works, in the new generation.
    expect((await audit({ cookie: await signedInCookie() })).status).toBe(200);
  });

  it("ends no one's session when a request without a current session signs out", async () => {
    const cookie = await signedInCookie();
    const stale = `chainpay_admin=${createSessionToken(node.admin.sessionSecret, "0123456789abcdef", Date.now())}`;
    const requests: Record<string, string>[] = [{}, { cookie: stale }, { cookie: "chainpay_admin=forged.x" }];
    for (const headers of requests) {
      expect((await call(sessionRoute.DELETE, { method: "DELETE", headers })).status).toBe(204);
    }
    expect((await audit({ cookie })).status).toBe(200);
  });
});

describe("the limit on guessing the password", () => {
  const from = (address: string) => ({ [peerAddressHeader]: address });
  const tooManyFromHere = (seconds: number) => ({
    error: { code: "rate_limited", message: `Too many wrong passwords from here; try again in ${seconds} s.` },
  });

  beforeAll(async () => {
    await startAdminNode("admin-limit-client");
  });

  it("refuses a client's 6th wrong password in a minute, and then even the right one, until the minute has passed", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await signIn(`guess-${attempt}`, from("203.0.113.7"))).body).toEqual(wrongPassword);
    }
    vi.advanceTimersByTime(10_000);
    const sixth = await signIn("guess-6", from("203.0.113.7"));
    expect(sixth.status).toBe(429);
    expect(sixth.body).toEqual(tooManyFromHere(50));
    expect(sixth.headers.get("retry-after")).toBe("50");
    const right = await signIn(password, from("203.0.113.7"));
    expect(right.status).toBe(429);
    expect(right.headers.get("set-cookie")).toBeNull();
    // Another client is not held back by this one's guesses.
    expect((await signIn(password, from("198.51.100.2"))).status).toBe(204);
    vi.advanceTimersByTime(49_000);
    expect((await signIn(password, from("203.0.113.7"))).status).toBe(429);
    vi.advanceTimersByTime(1000);
    expect((await signIn(password, from("203.0.113.7"))).status).toBe(204);
  });

  it("counts guesses sent all at once before any of them is checked", async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, (_, index) => signIn(`burst-${index}`)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });

  it("under a flood from many clients, refuses those that have guessed and never one that has not", async () => {
    await startAdminNode("admin-limit-overall");
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const typo = await signIn("typo", from("192.0.2.200"));
    expect(typo.body).toEqual(wrongPassword);
    vi.advanceTimersByTime(1000);
    for (let client = 1; client <= 30; client++) {
      expect((await signIn(`guess-${client}`, from(`192.0.2.${client}`))).body).toEqual(wrongPassword);
    }
    // A client that has guessed in this minute waits while the node sees more than 20 wrong passwords...
    const flooder = await signIn(password, from("192.0.2.1"));
    expect(flooder.status).toBe(429);
    expect(flooder.body).toEqual({
      error: { code: "rate_limited", message: "Too many wrong passwords on this node; try again in 60 s." },
    });
    expect((await signIn(password, from("192.0.2.200"))).body).toEqual({
      error: { code: "rate_limited", message: "Too many wrong passwords on this node; try again in 59 s." },
    });
    // ...while one that has not signs in, and so does every other clean client, one after another.
    for (const clean of ["198.51.100.1", "198.51.100.2", "2001:db8:5::1"]) {
      expect((await signIn(password, from(clean))).status).toBe(204);
    }
    // Scripts with the token are not held back either.
    expect((await audit(bearer)).status).toBe(200);
    vi.advanceTimersByTime(59_000);
    expect((await signIn(password, from("192.0.2.200"))).status).toBe(204);
  });

  it("counts an IPv6 client as its /64: addresses from one network share one limit", async () => {
    await startAdminNode("admin-limit-ipv6");
    for (let host = 1; host <= 5; host++) {
      expect((await signIn(`guess-${host}`, from(`2001:db8:1:2::${host}`))).body).toEqual(wrongPassword);
    }
    const sameNetwork = await signIn(password, from("2001:db8:1:2:ffff:ffff:ffff:ffff"));
    expect(sameNetwork.status).toBe(429);
    expect(sameNetwork.body).toMatchObject({ error: { code: "rate_limited" } });
    expect((await signIn(password, from("2001:db8:1:3::1"))).status).toBe(204);
  });

  it("keys on the connection's address, not on X-Forwarded-For, which any client can write", async () => {
    await startAdminNode("admin-limit-forwarded");
    for (let attempt = 1; attempt <= 5; attempt++) {
      const headers = { ...from("203.0.113.9"), "x-forwarded-for": `10.1.1.${attempt}` };
      expect((await signIn(`guess-${attempt}`, headers)).body).toEqual(wrongPassword);
    }
    const sixth = await signIn(password, { ...from("203.0.113.9"), "x-forwarded-for": "10.1.1.99" });
    expect(sixth.status).toBe(429);
  });
});

describe("a password change", () => {
  it("ends the sessions made with the old ADMIN_PASSWORD at the next start; the same password keeps them", async () => {
    const first = await startAdminNode("admin-password-change");
    const place = { DATA_DIR: first.config.dataDir, DATABASE_URL: first.config.databaseUrl };
    const cookie = await signedInCookie();
    await startAdminNode("admin-password-same", place);
    expect((await audit({ cookie })).status).toBe(200);
    await startAdminNode("admin-password-other", { ...place, ADMIN_PASSWORD: "a whole new password" });
    expect((await audit({ cookie })).body).toEqual(unauthorized);
    expect((await signIn(password)).body).toEqual(wrongPassword);
    const response = await signIn("a whole new password");
    expect(response.status).toBe(204);
    expect((await audit({ cookie: cookieOf(response) })).status).toBe(200);
  });

  it("ends the sessions made with the old admin-password.json once it is replaced", async () => {
    delete process.env.ADMIN_PASSWORD;
    const dataDir = makeDataDir("admin-file-change");
    const place = { DATA_DIR: dataDir, DATABASE_URL: await freshDatabaseUrl(dataDir, "admin_file_change") };
    const passwordFile = path.join(dataDir, "admin-password.json");
    /** A start as `npm start` makes it: the password it printed, if it made one. */
    const prepare = async () => {
      const prepared = await prepareNode(
        readConfig({ ...place, CHAIN_ID: testChainId } as Record<string, string> as NodeJS.ProcessEnv),
      );
      await prepared.store.close();
      return prepared.newAdminPassword!;
    };
    const oldPassword = await prepare();
    await startTestNode("admin-file-old", place);
    const cookie = cookieOf(await signIn(oldPassword));
    expect((await audit({ cookie })).status).toBe(200);
    // A new password, as the README says: delete the file and restart.
    rmSync(passwordFile);
    const newPassword = await prepare();
    await startTestNode("admin-file-new", place);
    expect((await audit({ cookie })).body).toEqual(unauthorized);
    expect((await signIn(oldPassword)).body).toEqual(wrongPassword);
    expect((await signIn(newPassword)).status).toBe(204);
  });
});
