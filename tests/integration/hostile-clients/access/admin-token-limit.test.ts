// Guessing the admin token against a real server (scripts/server/serve.ts): after 5 wrong tokens from one client, that
// client is refused with 429 and a retry-after, even with the right token, while another client's right token and
// a signed-in session still work. A client that makes up X-Forwarded-For values is still its connection's address.
// A flood from many addresses makes each of them wait but leaves a client that has not guessed its token. Other
// clients are other loopback addresses (127.0.0.2, …), so the server sees other connection addresses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestFrom, type LocalRequest } from "../../../support/local-client";
import { adminToken } from "../../../support/node";
import { type RunningServer, startFreshServer } from "../../../support/server";

const password = "admin-token-limit-password";
let server: RunningServer;

beforeAll(async () => {
  server = await startFreshServer("admin-token-limit", {
    ADMIN_TOKEN: adminToken,
    ADMIN_PASSWORD: password,
  });
}, 300_000);

afterAll(async () => {
  await server.stop();
});

const flooder = "127.0.0.1";
const otherClient = "127.0.0.2";

/** An admin call, the audit, from `client`. */
async function audit(client: string, headers: Record<string, string>) {
  const answer = await requestFrom(client, `${server.url}/api/admin/audit`, { headers });
  return { status: answer.status, retryAfter: answer.headers["retry-after"], body: JSON.parse(answer.body) as unknown };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const wrongToken = (index: number) => `wrong-token-${index}-`.padEnd(40, "x");

const unauthorized = { error: { code: "unauthorized", message: "This call needs an admin's token or session." } };

function expectRateLimited(answer: Awaited<ReturnType<typeof audit>>, where: string): void {
  expect(answer.status).toBe(429);
  const retryAfter = Number(answer.retryAfter);
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
  expect(answer.body).toEqual({
    error: { code: "rate_limited", message: `Too many wrong admin tokens ${where}; try again in ${retryAfter} s.` },
  });
}

async function signIn(client: string): Promise<string> {
  const init: LocalRequest = {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ password }),
  };
  const answer = await requestFrom(client, `${server.url}/api/admin/session`, init);
  expect(answer.status).toBeLessThan(300);
  const cookie = answer.headers["set-cookie"]?.[0]?.split(";")[0];
  expect(cookie).toMatch(/^chainpay_admin=/);
  return cookie!;
}

describe("wrong admin tokens from one client", () => {
  it("are answered 401 five times, then 429 with retry-after, even for the right token", async () => {
    for (let index = 0; index < 5; index++) {
      expect(await audit(flooder, bearer(wrongToken(index)))).toMatchObject({ status: 401, body: unauthorized });
    }
    expectRateLimited(await audit(flooder, bearer(wrongToken(5))), "from here");
    expectRateLimited(await audit(flooder, bearer(adminToken)), "from here");
  });

  it("leave another client's right token working", async () => {
    expect(await audit(otherClient, bearer(adminToken))).toMatchObject({ status: 200, body: { ok: true } });
  });

  it("leave a signed-in session working, even from the limited client", async () => {
    const cookie = await signIn(otherClient);
    expect(await audit(flooder, { cookie })).toMatchObject({ status: 200, body: { ok: true } });
  });
});

describe("wrong admin tokens under made-up X-Forwarded-For values", () => {
  it("count against the connection's address all the same", async () => {
    for (let index = 0; index < 3; index++) {
      const answer = await audit(flooder, { ...bearer(wrongToken(index)), "x-forwarded-for": `10.9.8.${index}` });
      expectRateLimited(answer, "from here");
    }
  });
});

describe("wrong admin tokens from many addresses", () => {
  it("make every address that guessed wait, while a client that has not keeps its right token", async () => {
    const flooders = Array.from({ length: 25 }, (_, index) => `127.0.3.${index + 1}`);
    for (const address of flooders) {
      expect(await audit(address, bearer(wrongToken(0)))).toMatchObject({ status: 401, body: unauthorized });
    }
    expectRateLimited(await audit(flooders[0]!, bearer(adminToken)), "on this node");
    expect(await audit("127.0.4.1", bearer(adminToken))).toMatchObject({ status: 200, body: { ok: true } });
    const cookie = await signIn("127.0.4.2");
    expect(await audit(flooders[1]!, { cookie })).toMatchObject({ status: 200, body: { ok: true } });
  });
});
