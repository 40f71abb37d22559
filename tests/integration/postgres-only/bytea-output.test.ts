// A PostgreSQL server whose default is bytea_output = escape (a setting some servers still carry from before 9.0)
// serves the node as one with the default, hex: the store's connections ask for hex, which the seal's head and a
// receipt's block rely on (they come back inside row_to_json, as bytea's text form). Every read path is walked
// on such a database: sealing on top of a head, a receipt read and a resubmission answered from what was stored,
// blocks, an account, and the audit. PostgreSQL only (the SQLite project excludes this folder).
import { beforeAll, expect, it } from "vitest";
import * as accountsRoute from "@/app/api/accounts/[publicKey]/route";
import * as auditRoute from "@/app/api/admin/audit/route";
import * as blockRoute from "@/app/api/blocks/[heightOrHash]/route";
import * as faucetRoute from "@/app/api/faucet/route";
import * as paymentsRoute from "@/app/api/payments/route";
import * as transactionRoute from "@/app/api/transactions/[txId]/route";
import { verifyWithWebCrypto } from "@/lib/ledger/ed25519";
import { verifyReceipt } from "@/lib/ledger/receipt";
import type { Receipt, SignedBlock } from "@/lib/ledger/types";
import type { LedgerNode } from "@/lib/server/node/context";
import { freshDatabaseUrl, rawQuery, testDatabaseKind } from "../../support/database";
import { adminToken, call, makeDataDir, startTestNode } from "../../support/node";
import { makeWallet, signPayment } from "../../support/wallet";

let node: LedgerNode;

beforeAll(async () => {
  expect(testDatabaseKind(), "this file runs on PostgreSQL only").toBe("postgres");
  const databaseUrl = await freshDatabaseUrl(makeDataDir("bytea-output"), "bytea_output");
  const [database] = await rawQuery<{ name: string }>(databaseUrl, "SELECT current_database() AS name");
  await rawQuery(databaseUrl, `ALTER DATABASE "${database!.name}" SET bytea_output = 'escape'`);
  // A connection with no option of its own now gets escape: the setting is there to be overridden.
  expect(await rawQuery(databaseUrl, "SHOW bytea_output")).toEqual([{ bytea_output: "escape" }]);
  node = await startTestNode("bytea-output", { DATABASE_URL: databaseUrl, FAUCET_AMOUNT: "10000" });
});

it("seals, answers receipts and reads, and audits as on a server with the default", async () => {
  const alice = makeWallet();
  const bob = makeWallet();
  expect((await call(faucetRoute.POST, { body: { account: alice.publicKey } })).status).toBe(201);
  const receipts: Receipt[] = [];
  for (const amount of ["100", "250", "75"]) {
    const signed = signPayment(alice, bob.publicKey, amount);
    const paid = await call(paymentsRoute.POST, { body: signed });
    expect(paid.status).toBe(201);
    const { receipt } = paid.body as { receipt: Receipt };
    const verification = await verifyReceipt(receipt, node.nodePublicKey, verifyWithWebCrypto);
    expect(verification.checks.filter((check) => !check.ok)).toEqual([]);
    receipts.push(receipt);
    // Sent again: answered from what was stored, the same receipt.
    const again = await call(paymentsRoute.POST, { body: signed });
    expect(again).toMatchObject({ status: 200, body: { receipt } });
  }
  const last = receipts.at(-1)!;
  expect(await call(transactionRoute.GET, { params: { txId: last.txId } })).toMatchObject({
    status: 200,
    body: { receipt: last },
  });
  const block = await call(blockRoute.GET, { params: { heightOrHash: String(last.block.header.height) } });
  expect(block.status).toBe(200);
  expect((block.body as { block: SignedBlock }).block.hash).toBe(last.block.hash);
  const account = await call(accountsRoute.GET, { params: { publicKey: bob.publicKey } });
  expect(account.body).toMatchObject({ balance: "425" });
  expect((account.body as { transactions: { txId: string }[] }).transactions.map((entry) => entry.txId)).toEqual(
    receipts.map((receipt) => receipt.txId).reverse(),
  );
  const audit = await call(auditRoute.GET, { headers: { authorization: `Bearer ${adminToken}` } });
  expect(audit.body).toMatchObject({ ok: true, height: last.block.header.height, firstBad: null });
});
