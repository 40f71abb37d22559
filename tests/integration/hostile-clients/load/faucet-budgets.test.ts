// The faucet's hourly budgets: fresh keys no longer mint without end. One client past its budget is refused
// while another is not; past the node's total everyone is refused; a grant whose mint fails is given back; the
// settings are checked; and `npm start` warns while the faucet is on. Clients are told apart by the address the
// server writes into x-chainpay-peer-address, which these in-process calls set themselves.
import { afterAll, describe, expect, it } from "vitest";
import * as faucetRoute from "@/app/api/faucet/route";
import { peerAddressHeader } from "@/lib/server/http/client-address";
import { faucetStartWarning } from "@/lib/server/faucet/faucet-warning";
import { setFaucetEnabled } from "@/lib/server/faucet/faucet-setting";
import { ConfigError, readConfig } from "@/lib/server/node/env";
import { call, startTestNode } from "../../../support/node";
import { makeWallet } from "../../../support/wallet";

afterAll(() => {
  delete process.env.FAUCET_HOURLY_PER_CLIENT;
  delete process.env.FAUCET_HOURLY_TOTAL;
});

const askFaucet = (client: string, account = makeWallet().publicKey) =>
  call(faucetRoute.POST, { body: { account }, headers: { [peerAddressHeader]: client } });

function expectRefused(response: Awaited<ReturnType<typeof askFaucet>>, message: RegExp) {
  expect(response.status).toBe(429);
  const retryAfterSeconds = Number(response.headers.get("retry-after"));
  // Until the oldest grant counted leaves the hour.
  expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
  expect(retryAfterSeconds).toBeLessThanOrEqual(3600);
  const { error } = response.body as { error: { code: string; message: string; field?: string } };
  expect(error.code).toBe("rate_limited");
  expect(error.message).toMatch(message);
  expect(error.message).toContain(`try again in ${retryAfterSeconds} s.`);
  expect(error.field).toBeUndefined();
}

describe("the per-client budget", () => {
  it("refuses a client past it, fresh keys or not, while another client is still served", async () => {
    const node = await startTestNode("faucet-client-budget", {
      FAUCET_AMOUNT: "100",
      FAUCET_HOURLY_PER_CLIENT: "3",
      FAUCET_HOURLY_TOTAL: "0",
    });
    for (let grant = 0; grant < 3; grant++) expect((await askFaucet("192.0.2.1")).status).toBe(201);
    const headBefore = (await node.store.head())!.header.height;
    for (let attempt = 0; attempt < 5; attempt++) {
      expectRefused(await askFaucet("192.0.2.1"), /^This client has had its 3 faucet grants for this hour; /);
    }
    expect((await node.store.head())!.header.height).toBe(headBefore);
    expect((await askFaucet("192.0.2.2")).status).toBe(201);
    expect((await askFaucet("2001:db8::7")).status).toBe(201);
  });

  it("gives back a grant whose mint fails", async () => {
    const node = await startTestNode("faucet-refund", {
      FAUCET_AMOUNT: "100",
      FAUCET_HOURLY_PER_CLIENT: "1",
      FAUCET_HOURLY_TOTAL: "1",
    });
    // The node cannot pay itself: refused after the budget was counted, so the count is handed back.
    const toItself = await askFaucet("192.0.2.3", node.nodePublicKey);
    expect(toItself.status).toBe(400);
    expect((await askFaucet("192.0.2.3")).status).toBe(201);
    expectRefused(await askFaucet("192.0.2.3"), /^This client has had its 1 faucet grants for this hour; /);
  });
});

describe("the total budget", () => {
  it("refuses every client once the node's hourly grants are given", async () => {
    const node = await startTestNode("faucet-total-budget", {
      FAUCET_AMOUNT: "100",
      FAUCET_HOURLY_PER_CLIENT: "0",
      FAUCET_HOURLY_TOTAL: "4",
    });
    for (const client of ["192.0.2.10", "192.0.2.11", "192.0.2.11", "192.0.2.12"]) {
      expect((await askFaucet(client)).status).toBe(201);
    }
    const headBefore = (await node.store.head())!.header.height;
    for (const client of ["192.0.2.10", "192.0.2.99", "2001:db8::1", "local"]) {
      expectRefused(await askFaucet(client), /^The faucet has given its 4 grants for this hour; /);
    }
    expect((await node.store.head())!.header.height).toBe(headBefore);
  });
});

describe("the budgets' settings", () => {
  it.each(["-1", "1.5", "1e3", "100001", "ten"])("refuses %s for either budget, naming the variable", (value) => {
    for (const variable of ["FAUCET_HOURLY_PER_CLIENT", "FAUCET_HOURLY_TOTAL"]) {
      expect(() => readConfig({ ...process.env, [variable]: value })).toThrow(ConfigError);
      try {
        readConfig({ ...process.env, [variable]: value });
      } catch (error) {
        expect((error as ConfigError).issues.map((issue) => issue.variable)).toEqual([variable]);
      }
    }
  });

  it("defaults to 100 grants an hour per client and 1,000 in all; 0 is no limit", () => {
    const environment = { ...process.env, FAUCET_HOURLY_PER_CLIENT: "", FAUCET_HOURLY_TOTAL: undefined };
    expect(readConfig(environment)).toMatchObject({ faucetHourlyPerClientMax: 100, faucetHourlyTotalMax: 1000 });
    expect(readConfig({ ...process.env, FAUCET_HOURLY_PER_CLIENT: "0", FAUCET_HOURLY_TOTAL: "100000" })).toMatchObject({
      faucetHourlyPerClientMax: 0,
      faucetHourlyTotalMax: 100_000,
    });
  });
});

describe("the warning at start", () => {
  it("says the faucet is on and to set FAUCET_AMOUNT=0, until it is off", async () => {
    const node = await startTestNode("faucet-warning", {
      FAUCET_AMOUNT: "2500",
      FAUCET_HOURLY_PER_CLIENT: "10",
      FAUCET_HOURLY_TOTAL: "0",
    });
    expect(await faucetStartWarning(node.config, node.store)).toBe(
      "chainpay: WARNING the faucet is on: anyone may mint 25.00 USD to any account (hourly budgets: 10 grants " +
        "per client, no limit in all). On a chain whose money is worth anything, set FAUCET_AMOUNT=0.",
    );
    await setFaucetEnabled(node, false);
    expect(await faucetStartWarning(node.config, node.store)).toBeNull();
    expect(await faucetStartWarning({ ...node.config, faucetAmountMinor: 0n }, node.store)).toBeNull();
  });
});
