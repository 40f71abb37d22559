// The limits of a node served by two workers count across both: connections of their own go to the workers in
// turn, so a limit kept in each worker would let a client through twice as often. Wrong passwords, wrong admin
// tokens, the faucet's budget per client and the event streams per client are each refused past the one limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInFailuresPerClientMax } from "@/lib/server/admin/sign-in-admin";
import { tokenFailuresPerClientMax } from "@/lib/server/admin/require-admin";
import { adminToken } from "../../support/node";
import { startFreshServer, type RunningServer } from "../../support/server";
import { makeWallet } from "../../support/wallet";
import { freshConnectionRequest } from "../../support/workers";

let server: RunningServer;
const faucetPerClient = 3;
const streamsPerClient = 2;

beforeAll(async () => {
  server = await startFreshServer("worker-limits", {
    WEB_CONCURRENCY: "2",
    ADMIN_TOKEN: adminToken,
    ADMIN_PASSWORD: "worker-limits-password",
    FAUCET_INTERVAL_SECONDS: "0",
    FAUCET_HOURLY_PER_CLIENT: String(faucetPerClient),
    EVENTS_STREAMS_PER_CLIENT_MAX: String(streamsPerClient),
  });
}, 300_000);

afterAll(async () => {
  await server.stop();
});

const repeated = (status: number, count: number): number[] => Array.from({ length: count }, () => status);

/** The statuses of `count` requests, one after another, each on a connection of its own. */
async function statusesOf(count: number, send: () => Promise<{ status: number }>): Promise<number[]> {
  const statuses: number[] = [];
  for (let index = 0; index < count; index++) statuses.push((await send()).status);
  return statuses;
}

describe("with two workers", () => {
  it("refuses the wrong password past the per-client limit, whichever worker is asked", async () => {
    const statuses = await statusesOf(signInFailuresPerClientMax + 2, () =>
      freshConnectionRequest(`${server.url}/api/admin/session`, { body: { password: "wrong-password-guess" } }),
    );
    expect(statuses).toEqual([...repeated(401, signInFailuresPerClientMax), 429, 429]);
  });

  it("refuses wrong admin tokens past the per-client limit", async () => {
    const statuses = await statusesOf(tokenFailuresPerClientMax + 2, () =>
      freshConnectionRequest(`${server.url}/api/admin/audit`, {
        headers: { authorization: "Bearer wrong-admin-token-guess" },
      }),
    );
    expect(statuses).toEqual([...repeated(401, tokenFailuresPerClientMax), 429, 429]);
  });

  it("gives one client its faucet budget once, not once per worker", async () => {
    const statuses = await statusesOf(faucetPerClient + 2, () =>
      freshConnectionRequest(`${server.url}/api/faucet`, { body: { account: makeWallet().publicKey } }),
    );
    expect(statuses).toEqual([...repeated(201, faucetPerClient), 429, 429]);
  });

  it("caps one client's open event streams over both workers, and frees a slot when a stream ends", async () => {
    const open = () => freshConnectionRequest(`${server.url}/api/events`, { isHeld: true });
    const streams = [await open(), await open()];
    expect(streams.map((stream) => stream.status)).toEqual([200, 200]);
    const refused = await open();
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: "overloaded" } });
    streams[0]!.close();
    // The slot comes back once the worker sees the stream end.
    let again = await open();
    for (let attempt = 0; again.status !== 200 && attempt < 50; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      again = await open();
    }
    expect(again.status).toBe(200);
    for (const stream of [...streams, again]) stream.close();
  });
});
