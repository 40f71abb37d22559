// What a real server (scripts/server/serve.ts) takes a client to be, seen through the sign-in limit: the connection's
// address, never what the client writes about itself (X-Forwarded-For, X-Forwarded-Proto, the peer-address
// header), and, behind one of the TRUSTED_PROXIES (127.0.0.2 here), the client that proxy forwarded for. A flood of
// wrong passwords from many addresses leaves a client that has not guessed able to sign in. Every loopback
// address is this machine, so each 127.0.0.x is another client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { peerAddressHeader } from "@/lib/server/http/client-address";
import { clientGroupOfAddress } from "@/lib/server/http/client-group";
import { connectionClientOf, trustedProxiesOf } from "@/lib/server/http/forwarded-client";
import { requestFrom, type LocalAnswer } from "../../../support/local-client";
import { type RunningServer, startFreshServer } from "../../../support/server";

const password = "client-address-password";
const proxy = "127.0.0.2";
let server: RunningServer;

beforeAll(async () => {
  server = await startFreshServer("client-address", {
    ADMIN_PASSWORD: password,
    TRUSTED_PROXIES: `${proxy}, 10.0.0.0/8`,
  });
}, 300_000);

afterAll(async () => {
  await server.stop();
});

function signIn(client: string, attempt: string, headers: Record<string, string> = {}): Promise<LocalAnswer> {
  return requestFrom(client, `${server.url}/api/admin/session`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ password: attempt }),
  });
}

const messageOf = (answer: LocalAnswer) => (JSON.parse(answer.body) as { error: { message: string } }).error.message;

/** Five wrong passwords, each under `headersOf(index)`: a client's whole allowance for the minute. */
async function guessFiveTimes(client: string, headersOf: (index: number) => Record<string, string>) {
  for (let index = 0; index < 5; index++) {
    expect((await signIn(client, `wrong-${index}`, headersOf(index))).status).toBe(401);
  }
}

describe("a client that writes its own forwarding headers", () => {
  it("is still the connection's address: made-up X-Forwarded-For values and peer addresses change nothing", async () => {
    await guessFiveTimes("127.0.0.3", (index) => ({
      "x-forwarded-for": `198.18.0.${index}`,
      [peerAddressHeader]: `198.19.0.${index}`,
    }));
    const sixth = await signIn("127.0.0.3", password, { "x-forwarded-for": "198.18.0.99" });
    expect(sixth.status).toBe(429);
    expect(messageOf(sixth)).toMatch(/^Too many wrong passwords from here; try again in \d+ s\.$/);
  });

  it("gets no Secure cookie for saying X-Forwarded-Proto: https over plain http", async () => {
    const answer = await signIn("127.0.0.4", password, { "x-forwarded-proto": "https" });
    expect(answer.status).toBe(204);
    expect(answer.headers["set-cookie"]?.[0]).toMatch(/; HttpOnly; SameSite=Strict$/);
  });
});

describe("a trusted proxy", () => {
  it("has each client it forwards for counted alone: the rightmost hop it did not write itself", async () => {
    // The client wrote the left part; the proxy appended the address it saw.
    await guessFiveTimes(proxy, (index) => ({ "x-forwarded-for": `203.0.113.${index}, 198.51.100.1` }));
    const sameClient = await signIn(proxy, password, { "x-forwarded-for": "198.51.100.1" });
    expect(sameClient.status).toBe(429);
    expect(messageOf(sameClient)).toMatch(/from here/);
    // Another client behind the same proxy, and the proxy's own requests, are not held back.
    expect((await signIn(proxy, password, { "x-forwarded-for": "198.51.100.2" })).status).toBe(204);
    // A hop inside a trusted network (10.0.0.0/8) is a proxy too: the client is the one before it.
    const throughTwo = await signIn(proxy, password, { "x-forwarded-for": "198.51.100.1, 10.1.2.3" });
    expect(throughTwo.status).toBe(429);
  });

  it("makes the cookie Secure when it says the client came over https", async () => {
    const answer = await signIn(proxy, password, { "x-forwarded-for": "198.51.100.7", "x-forwarded-proto": "https" });
    expect(answer.status).toBe(204);
    expect(answer.headers["set-cookie"]?.[0]).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
  });
});

describe("a flood of wrong passwords from many addresses", () => {
  it("leaves a client that has not guessed able to sign in, while the guessers wait", async () => {
    const flooders = Array.from({ length: 30 }, (_, index) => `127.0.1.${index + 1}`);
    for (const flooder of flooders) expect((await signIn(flooder, "flood-guess")).status).toBe(401);
    const again = await signIn(flooders[0]!, password);
    expect(again.status).toBe(429);
    expect(messageOf(again)).toMatch(/^Too many wrong passwords on this node; try again in \d+ s\.$/);
    for (const clean of ["127.0.2.1", "127.0.2.2"]) {
      const answer = await signIn(clean, password);
      expect(answer.status).toBe(204);
      expect(answer.headers["set-cookie"]?.[0]).toMatch(/^chainpay_admin=/);
    }
  });
});

describe("the client of a connection, worked out", () => {
  const trusted = trustedProxiesOf(["127.0.0.2", "10.0.0.0/8", "fd00::/8"]);
  it.each<[string | undefined, string | undefined, string, boolean]>([
    ["192.0.2.1", "198.51.100.1", "192.0.2.1", false],
    ["::ffff:192.0.2.1", undefined, "192.0.2.1", false],
    ["2001:DB8::1", undefined, "2001:db8::1", false],
    [undefined, "198.51.100.1", "unknown", false],
    ["127.0.0.2", undefined, "127.0.0.2", true],
    ["127.0.0.2", "198.51.100.1", "198.51.100.1", true],
    ["::ffff:127.0.0.2", "203.0.113.9, 198.51.100.1", "198.51.100.1", true],
    ["127.0.0.2", "203.0.113.9, 198.51.100.1, 10.2.3.4", "198.51.100.1", true],
    ["fd00::5", "10.1.1.1, 10.2.2.2", "10.1.1.1", true],
    ["127.0.0.2", "198.51.100.1, not-an-address", "127.0.0.2", true],
    ["127.0.0.2", "", "127.0.0.2", true],
  ])("peer %j, X-Forwarded-For %j: client %j", (peer, forwardedFor, address, isFromTrustedProxy) => {
    expect(connectionClientOf(peer, forwardedFor, trusted)).toEqual({ address, isFromTrustedProxy });
  });

  it.each([
    ["192.0.2.1", "192.0.2.1"],
    ["2001:db8:1:2::1", "2001:0db8:0001:0002::/64"],
    ["2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:0db8:0001:0002::/64"],
    ["::1", "0000:0000:0000:0000::/64"],
    ["64:ff9b::192.0.2.1", "0064:ff9b:0000:0000::/64"],
    ["local", "local"],
  ])("%s counts as %s in per-client limits", (address, group) => {
    expect(clientGroupOfAddress(address)).toBe(group);
  });
});
