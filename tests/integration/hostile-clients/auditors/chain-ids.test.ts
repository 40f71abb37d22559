// Chain ids: a node started without CHAIN_ID gets a chain of its own, `chainpay-` and 8 random hex digits chosen
// at genesis and kept in its header, so that two such nodes no longer accept each other's payments (they did when
// both kept the one default id). A restart keeps the id; an explicit CHAIN_ID works as before, and one that
// differs from the stored chain's stops the start with one line naming the variable.
import { afterAll, describe, expect, it } from "vitest";
import * as nodeRoute from "@/app/api/node/route";
import * as faucetRoute from "@/app/api/faucet/route";
import * as paymentsRoute from "@/app/api/payments/route";
import { readConfig, ConfigError } from "@/lib/server/node/env";
import { getNode, resetNodeForTests } from "@/lib/server/node/context";
import { prepareNode } from "@/lib/server/node/prepare-node";
import { freshDatabaseUrl } from "../../../support/database";
import { adminToken, call, makeDataDir } from "../../../support/node";
import { runScript } from "../../../support/server";
import { makeWallet, signPayment } from "../../../support/wallet";

type Place = { DATA_DIR: string; DATABASE_URL: string };

async function freshPlace(name: string): Promise<Place> {
  const dataDir = makeDataDir(name);
  return { DATA_DIR: dataDir, DATABASE_URL: await freshDatabaseUrl(dataDir, name) };
}

/** Prepares the place as `npm start` does, with only these settings (no CHAIN_ID unless given). */
async function prepareChainId(place: Place, chainId?: string): Promise<string> {
  const environment: NodeJS.ProcessEnv = { ...place, NODE_ENV: "test" };
  if (chainId !== undefined) environment.CHAIN_ID = chainId;
  const prepared = await prepareNode(readConfig(environment));
  await prepared.store.close();
  return prepared.genesis.header.chainId;
}

/** Serves the place in this process, as `next start` would, without CHAIN_ID in its environment. */
async function serve(place: Place) {
  await resetNodeForTests();
  delete process.env.CHAIN_ID;
  Object.assign(process.env, { ...place, ADMIN_TOKEN: adminToken, FAUCET_AMOUNT: "100000" });
  return await getNode();
}

const chainIdPattern = /^chainpay-[0-9a-f]{8}$/;
const first = await freshPlace("chain_ids_first");
const second = await freshPlace("chain_ids_second");

afterAll(async () => {
  await resetNodeForTests();
});

describe("without CHAIN_ID", () => {
  it("two fresh nodes get different ids of the form chainpay-<8 hex>, and a restart keeps each", async () => {
    const firstId = await prepareChainId(first);
    const secondId = await prepareChainId(second);
    expect(firstId).toMatch(chainIdPattern);
    expect(secondId).toMatch(chainIdPattern);
    expect(firstId).not.toBe(secondId);
    // Started again, each keeps the id its genesis holds.
    expect(await prepareChainId(first)).toBe(firstId);
    expect(await prepareChainId(second)).toBe(secondId);
    // An explicit CHAIN_ID equal to the stored one is accepted as before.
    expect(await prepareChainId(first, firstId)).toBe(firstId);
  });

  it("GET /api/node announces the stored id, and a payment signed for the other chain is refused", async () => {
    const secondId = await prepareChainId(second);
    await serve(first);
    const firstId = ((await call(nodeRoute.GET)).body as { chainId: string }).chainId;
    expect(firstId).toBe(await prepareChainId(first));
    const alice = makeWallet();
    expect((await call(faucetRoute.POST, { body: { account: alice.publicKey } })).status).toBe(201);
    const forOtherChain = signPayment(alice, makeWallet().publicKey, "100", { chainId: secondId });
    const refused = await call(paymentsRoute.POST, { body: forOtherChain });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: "wrong_chain" } });
    const forThisChain = signPayment(alice, makeWallet().publicKey, "100", { chainId: firstId });
    expect((await call(paymentsRoute.POST, { body: forThisChain })).status).toBe(201);
  });
});

describe("with CHAIN_ID", () => {
  it("names a new chain as before", async () => {
    expect(await prepareChainId(await freshPlace("chain_ids_named"), "chainpay-named")).toBe("chainpay-named");
  });

  it("that differs from the stored chain's stops the start with one line naming the variable", async () => {
    const storedId = await prepareChainId(first);
    await expect(prepareChainId(first, "chainpay-other")).rejects.toThrow(ConfigError);
    const run = await runScript("prepare-data.ts", [], { ...first, CHAIN_ID: "chainpay-other" }, 60_000);
    expect(run.code).toBe(1);
    // One line, no stack trace (other start-up notices, if any, are on lines of their own).
    expect(run.output).not.toMatch(/^\s+at /m);
    const lines = run.output.split("\n").filter((line) => line.includes("CHAIN_ID"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^chainpay: CHAIN_ID is chainpay-other, but the chain in .+ is ${storedId}: unset CHAIN_ID to keep`),
    );
  });
});
