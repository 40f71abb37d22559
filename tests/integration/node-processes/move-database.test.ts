// Moving a node to another database (from its SQLite file to PostgreSQL, in the integration-postgres project)
// as the README's Deployment section says: follow it into the new database, stop it, start the node there with
// its key. Nothing sealed is lost, the chain still audits, and the node goes on sealing where it stopped.
import { copyFileSync } from "node:fs";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import type { SignedBlock } from "@/lib/ledger/types";
import { freshDatabaseUrl } from "../../support/database";
import { adminToken, makeDataDir, testChainId } from "../../support/node";
import { getJson, postJson, runScript, startServer, type RunningServer } from "../../support/server";
import { makeWallet, signPayment } from "../../support/wallet";

const running: RunningServer[] = [];

afterAll(async () => {
  await Promise.all(running.map((server) => server.stop()));
});

it("follows an SQLite node into a new database, then serves the same chain from it and seals on", async () => {
  const oldDir = makeDataDir("move-from");
  const common = {
    CHAIN_ID: testChainId,
    ADMIN_TOKEN: adminToken,
    FAUCET_AMOUNT: "10000",
    FAUCET_INTERVAL_SECONDS: "0",
  };
  const old = await startServer({
    ...common,
    DATA_DIR: oldDir,
    DATABASE_URL: `file:${path.join(oldDir, "chainpay.db")}`,
  });
  running.push(old);
  const payer = makeWallet();
  const payee = makeWallet();
  expect((await postJson(`${old.url}/api/faucet`, { account: payer.publicKey })).status).toBe(201);
  for (const amount of ["100", "250"]) {
    expect((await postJson(`${old.url}/api/payments`, signPayment(payer, payee.publicKey, amount))).status).toBe(201);
  }
  const oldHead = ((await getJson(`${old.url}/api/node`)).body as { head: SignedBlock }).head;

  const newDir = makeDataDir("move-to");
  const newEnvironment = { ...common, DATA_DIR: newDir, DATABASE_URL: await freshDatabaseUrl(newDir, "move_to") };
  const follow = await runScript("follow.ts", [old.url, "--once"], newEnvironment);
  expect(follow.output).toContain(`verified and stored 4 blocks; head ${oldHead.header.height}`);
  expect(follow.code).toBe(0);
  await old.stop();

  copyFileSync(path.join(oldDir, "node-key.pem"), path.join(newDir, "node-key.pem"));
  const moved = await startServer(newEnvironment);
  running.push(moved);
  const info = (await getJson(`${moved.url}/api/node`)).body as { head: SignedBlock; faucet: { enabled: boolean } };
  expect(info.head).toEqual(oldHead);
  expect(info.faucet.enabled).toBe(true);
  expect((await getJson(`${moved.url}/api/accounts/${payee.publicKey}`)).body).toMatchObject({ balance: "350" });
  const paid = await postJson(`${moved.url}/api/payments`, signPayment(payer, payee.publicKey, "50"));
  expect(paid.status).toBe(201);
  expect((paid.body as { receipt: { block: SignedBlock } }).receipt.block.header.prevHash).toBe(oldHead.hash);
  const audit = await getJson(`${moved.url}/api/admin/audit`, { authorization: `Bearer ${adminToken}` });
  expect(audit.body).toMatchObject({ ok: true, height: oldHead.header.height + 1, firstBad: null });
}, 120_000);
