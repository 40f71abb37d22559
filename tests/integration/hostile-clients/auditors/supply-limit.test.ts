// Money limits on a real server: mints fill the total supply to 2^63 − 1 minor units exactly, the next admin mint
// and the next faucet grant are refused with 409 supply_exceeded and change nothing, and the explorer still
// answers with the exact supply. Even balances that add up past the limit (a chain from before the limit, made
// here by writing an account behind the node's back) cannot make an explorer page answer 500: the figures read
// the totals row the database keeps, not a sum of 64-bit balances that SQLite cannot hold.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { amountPattern, totalSupplyMinorMax } from "@/lib/ledger/limits";
import { formatAmount } from "@/lib/wallet/format";
import { freshDatabaseUrl, rawQuery } from "../../../support/database";
import { adminToken, makeDataDir, testChainId } from "../../../support/node";
import { ensureBuilt, getJson, postJson, startServer, type RunningServer } from "../../../support/server";
import { makeWallet } from "../../../support/wallet";

const password = "supply-limit-password";
const currency = { code: "USD", decimals: 2 };
// The largest amount a transaction may carry: 16 nines.
const amountMax = 10n ** 16n - 1n;
const mintsAtOnce = 16;
let server: RunningServer;
let databaseUrl: string;
let cookie: string;
// One account per mint sent at once: two mints of one amount to one account in the same millisecond would be
// one transaction (the same txId), recorded once.
const holders = Array.from({ length: mintsAtOnce }, () => makeWallet());

function mint(account: string, amount: bigint) {
  const body = { account, amount: amount.toString() };
  return postJson(`${server.url}/api/admin/mint`, body, { authorization: `Bearer ${adminToken}` });
}

async function headHeight(): Promise<number> {
  const node = await getJson(`${server.url}/api/node`);
  return (node.body as { head: { header: { height: number } } }).head.header.height;
}

async function page(path: string): Promise<{ status: number; html: string }> {
  const response = await fetch(`${server.url}${path}`, { headers: { cookie } });
  return { status: response.status, html: await response.text() };
}

beforeAll(async () => {
  ensureBuilt();
  const dataDir = makeDataDir("supply-limit");
  databaseUrl = await freshDatabaseUrl(dataDir, "supply_limit");
  server = await startServer({
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    CHAIN_ID: testChainId,
    ADMIN_PASSWORD: password,
    ADMIN_TOKEN: adminToken,
    FAUCET_AMOUNT: "5000",
    FAUCET_INTERVAL_SECONDS: "0",
  });
  // 922 mints of the largest amount, spread over the accounts (no balance comes near its own limit), then
  // the remainder: the supply is then the limit exactly.
  const amounts = Array.from({ length: Number(totalSupplyMinorMax / amountMax) }, () => amountMax);
  amounts.push(totalSupplyMinorMax % amountMax);
  expect(amounts.every((amount) => amountPattern.test(amount.toString()))).toBe(true);
  for (let start = 0; start < amounts.length; start += mintsAtOnce) {
    const answers = await Promise.all(
      amounts
        .slice(start, start + mintsAtOnce)
        .map((amount, index) => mint(holders[(start + index) % holders.length]!.publicKey, amount)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201));
  }
  const headers = { "content-type": "application/json" };
  const signIn = await fetch(`${server.url}/api/admin/session`, {
    method: "POST",
    headers,
    body: `{"password":"${password}"}`,
  });
  expect(signIn.status).toBe(204);
  cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
}, 600_000);

afterAll(async () => {
  await server.stop();
});

describe("the total supply's limit", () => {
  const message = `This mint would take the total supply past ${totalSupplyMinorMax} minor units.`;
  it.each([
    {
      name: "the admin's next mint, of a single minor unit, naming its amount",
      send: () => mint(makeWallet().publicKey, 1n),
      error: { code: "supply_exceeded", message, field: "amount" },
    },
    {
      name: "the faucet's grant, with no field (its body has no amount)",
      send: () => postJson(`${server.url}/api/faucet`, { account: makeWallet().publicKey }),
      error: { code: "supply_exceeded", message },
    },
  ])("refuses $name with 409, and records nothing", async ({ send, error }) => {
    const before = await headHeight();
    const refused = await send();
    expect({ status: refused.status, body: refused.body }).toEqual({ status: 409, body: { error } });
    expect(await headHeight()).toBe(before);
  });

  it("keeps every balance and the supply exact", async () => {
    const balances = await Promise.all(
      holders.map(async (holder) => {
        const account = await getJson(`${server.url}/api/accounts/${holder.publicKey}?limit=1`);
        return BigInt((account.body as { balance: string }).balance);
      }),
    );
    expect(balances.reduce((sum, balance) => sum + balance, 0n)).toBe(totalSupplyMinorMax);
  });

  it("the explorer answers with the exact supply, and its account and search pages answer", async () => {
    const home = await page("/explorer");
    expect(home.status).toBe(200);
    expect(home.html).toContain(formatAmount(totalSupplyMinorMax, currency));
    expect((await page(`/explorer/accounts/${holders[0]!.publicKey}`)).status).toBe(200);
    expect((await page(`/explorer/search?q=${holders[1]!.publicKey.slice(0, 12)}`)).status).toBe(200);
  });

  it("balances that add up past the limit, written behind the node's back, still leave every page answering", async () => {
    await rawQuery(databaseUrl, `INSERT INTO "Account" ("publicKey", "balanceMinor") VALUES ($1, $2)`, [
      Buffer.from(makeWallet().publicKey, "hex"),
      totalSupplyMinorMax,
    ]);
    for (const path of ["/explorer", `/explorer/accounts/${holders[2]!.publicKey}`, "/explorer/search?q=abcd"]) {
      expect((await page(path)).status).toBe(200);
    }
  });
});
