// The explorer's pages as a real server renders them from this suite's database (SQLite, or PostgreSQL in the
// integration-postgres project): every page reads through Prisma, whose SQL differs between the two.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Receipt } from "@/lib/ledger/types";
import { formatAmount } from "@/lib/wallet/format";
import { postJson, type RunningServer, startFreshServer } from "../support/server";
import { makeWallet, signPayment } from "../support/wallet";

const password = "explorer-pages-password";
const currency = { code: "USD", decimals: 2 };
let server: RunningServer;
let cookie: string;
const payer = makeWallet();
const payee = makeWallet();
let receipt: Receipt;

beforeAll(async () => {
  server = await startFreshServer("explorer-pages", {
    ADMIN_PASSWORD: password,
    FAUCET_AMOUNT: "5000",
    FAUCET_INTERVAL_SECONDS: "0",
  });
  expect((await postJson(`${server.url}/api/faucet`, { account: payer.publicKey })).status).toBe(201);
  const paid = await postJson(`${server.url}/api/payments`, signPayment(payer, payee.publicKey, "1234"));
  expect(paid.status).toBe(201);
  receipt = (paid.body as { receipt: Receipt }).receipt;
  const signIn = await fetch(`${server.url}/api/admin/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ password }),
  });
  expect(signIn.status).toBe(204);
  cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
}, 300_000);

afterAll(async () => {
  await server.stop();
});

async function page(path: string): Promise<{ status: number; url: string; html: string }> {
  const response = await fetch(`${server.url}${path}`, { headers: { cookie } });
  return { status: response.status, url: response.url, html: await response.text() };
}

describe("explorer pages", () => {
  it("home lists the newest blocks and the chain's figures", async () => {
    const home = await page("/explorer");
    expect(home.status).toBe(200);
    expect(home.html).toContain(receipt.block.hash.slice(0, 16));
  });

  it("a block page shows its transactions", async () => {
    const block = await page(`/explorer/blocks/${receipt.block.header.height}`);
    expect(block.status).toBe(200);
    expect(block.html).toContain(receipt.txId.slice(0, 16));
  });

  it("an account page shows its balance and history", async () => {
    const account = await page(`/explorer/accounts/${payee.publicKey}`);
    expect(account.status).toBe(200);
    expect(account.html).toContain(formatAmount("1234", currency));
    expect(account.html).toContain(receipt.txId.slice(0, 16));
  });

  it("a transaction page shows the transaction", async () => {
    const transaction = await page(`/explorer/transactions/${receipt.txId}`);
    expect(transaction.status).toBe(200);
    expect(transaction.html).toContain(receipt.txId);
  });

  it("search finds a transaction, an account and a block hash by prefix", async () => {
    expect((await page(`/explorer/search?q=${receipt.txId.slice(0, 12)}`)).url).toBe(
      `${server.url}/explorer/transactions/${receipt.txId}`,
    );
    expect((await page(`/explorer/search?q=${payee.publicKey.slice(0, 12)}`)).url).toBe(
      `${server.url}/explorer/accounts/${payee.publicKey}`,
    );
    expect((await page(`/explorer/search?q=${receipt.block.hash.slice(0, 12)}`)).url).toBe(
      `${server.url}/explorer/blocks/${receipt.block.header.height}`,
    );
    const none = await page("/explorer/search?q=ffffffffffff0000");
    expect(none.status).toBe(200);
    expect(none.url).toBe(`${server.url}/explorer/search?q=ffffffffffff0000`);
  });
});
