// Concurrent payments racing for one balance: the ledger never overdraws and never forks.
import { beforeAll, expect, it } from "vitest";
import * as accountsRoute from "@/app/api/accounts/[publicKey]/route";
import * as faucetRoute from "@/app/api/faucet/route";
import * as paymentsRoute from "@/app/api/payments/route";
import * as batchRoute from "@/app/api/payments/batch/route";
import type { LedgerNode } from "@/lib/server/node/context";
import { auditChain } from "@/lib/server/admin/audit-chain";
import { call, startTestNode } from "../support/node";
import { makeWallet, signPayment } from "../support/wallet";

let node: LedgerNode;

beforeAll(async () => {
  // A 20 ms seal delay makes the racing payments share blocks, as they would under load.
  node = await startTestNode("concurrency", { FAUCET_AMOUNT: "1000", SEAL_DELAY_MS: "20" });
});

async function fund(account: string) {
  expect((await call(faucetRoute.POST, { body: { account } })).status).toBe(201);
}

async function balanceOf(account: string): Promise<string> {
  const response = await call(accountsRoute.GET, { params: { publicKey: account } });
  return (response.body as { balance: string }).balance;
}

it("lets exactly 10 of 40 concurrent payments through when the balance covers 10", async () => {
  const payer = makeWallet();
  await fund(payer.publicKey);
  const payees = Array.from({ length: 40 }, () => makeWallet());
  const responses = await Promise.all(
    payees.map((payee) => call(paymentsRoute.POST, { body: signPayment(payer, payee.publicKey, "100") })),
  );
  const statuses = responses.map((response) => response.status);
  expect(statuses.filter((status) => status === 201)).toHaveLength(10);
  expect(statuses.filter((status) => status === 409)).toHaveLength(30);
  for (const response of responses.filter((item) => item.status === 409)) {
    expect(response.body).toEqual({
      error: {
        code: "insufficient_funds",
        message: "The payer's balance does not cover this amount.",
        field: "tx.amount",
      },
    });
  }
  expect(await balanceOf(payer.publicKey)).toBe("0");
  const received = await Promise.all(payees.map((payee) => balanceOf(payee.publicKey)));
  expect(received.filter((balance) => balance === "100")).toHaveLength(10);
  // They shared blocks: fewer blocks than payments (group commit), and the chain still audits.
  const head = (await node.store.head())!.header.height;
  expect(head).toBeLessThan(1 + 10);
  expect((await auditChain(node)).ok).toBe(true);
});

it("answers a payment sent many times at once exactly once, with one receipt", async () => {
  const payer = makeWallet();
  await fund(payer.publicKey);
  const signed = signPayment(payer, makeWallet().publicKey, "300");
  const responses = await Promise.all(Array.from({ length: 12 }, () => call(paymentsRoute.POST, { body: signed })));
  expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
  expect(responses.filter((response) => response.status === 200)).toHaveLength(11);
  const receipts = new Set(responses.map((response) => JSON.stringify(response.body)));
  expect(receipts.size).toBe(1);
  expect(await balanceOf(payer.publicKey)).toBe("700");
});

it("keeps single and batch payments racing for one balance from overdrawing it", async () => {
  const payer = makeWallet();
  await fund(payer.publicKey);
  const singles = Array.from({ length: 8 }, () => signPayment(payer, makeWallet().publicKey, "100"));
  const batch = Array.from({ length: 8 }, () => signPayment(payer, makeWallet().publicKey, "100"));
  const [batchResponse, ...singleResponses] = await Promise.all([
    call(batchRoute.POST, { body: { payments: batch } }),
    ...singles.map((body) => call(paymentsRoute.POST, { body })),
  ]);
  const batchResults = (batchResponse.body as { results: { created?: boolean }[] }).results;
  const created =
    batchResults.filter((result) => result.created === true).length +
    singleResponses.filter((response) => response.status === 201).length;
  expect(created).toBe(10);
  expect(await balanceOf(payer.publicKey)).toBe("0");
  expect((await auditChain(node)).ok).toBe(true);
});
