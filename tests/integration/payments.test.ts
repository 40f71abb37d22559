// A payment's whole life through the real route handlers and a real SQLite file: faucet, payment, receipt,
// the read API, and the protocol's idempotency.
import { beforeAll, describe, expect, it } from "vitest";
import * as accountsRoute from "@/app/api/accounts/[publicKey]/route";
import * as blockRoute from "@/app/api/blocks/[heightOrHash]/route";
import * as blocksRoute from "@/app/api/blocks/route";
import * as faucetRoute from "@/app/api/faucet/route";
import * as headersRoute from "@/app/api/headers/route";
import * as nodeRoute from "@/app/api/node/route";
import * as paymentsRoute from "@/app/api/payments/route";
import * as transactionRoute from "@/app/api/transactions/[txId]/route";
import { verifyWithWebCrypto } from "@/lib/ledger/ed25519";
import { verifyReceipt } from "@/lib/ledger/receipt";
import type { Receipt, SignedBlock } from "@/lib/ledger/types";
import type { LedgerNode } from "@/lib/server/node/context";
import { call, startTestNode, testChainId } from "../support/node";
import { makeWallet, signPayment } from "../support/wallet";

let node: LedgerNode;
const alice = makeWallet();
const bob = makeWallet();

beforeAll(async () => {
  node = await startTestNode("payments", { FAUCET_AMOUNT: "5000" });
  const funded = await call(faucetRoute.POST, { body: { account: alice.publicKey } });
  expect(funded.status).toBe(201);
});

describe("a payment round trip", () => {
  let receipt: Receipt;
  const payment = () => signPayment(alice, bob.publicKey, "1250", { memo: "coffee ☕" });
  const signed = payment();

  it("answers 201 with a receipt that verifies offline against the node key", async () => {
    const response = await call(paymentsRoute.POST, { body: signed });
    expect(response.status).toBe(201);
    receipt = (response.body as { receipt: Receipt }).receipt;
    expect(receipt.tx).toEqual(signed.tx);
    expect(receipt.signature).toBe(signed.signature);
    expect(receipt.nodePublicKey).toBe(node.nodePublicKey);
    const verification = await verifyReceipt(receipt, node.nodePublicKey, verifyWithWebCrypto);
    expect(verification.checks.filter((check) => !check.ok)).toEqual([]);
    expect(verification.ok).toBe(true);
  });

  it("answers the same signed payment sent again with 200 and the same receipt, paying once", async () => {
    const again = await call(paymentsRoute.POST, { body: signed });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ receipt });
    const account = await call(accountsRoute.GET, { params: { publicKey: bob.publicKey } });
    expect((account.body as { balance: string }).balance).toBe("1250");
  });

  it("serves the same receipt from GET /api/transactions/{txId}", async () => {
    const response = await call(transactionRoute.GET, { params: { txId: receipt.txId } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ receipt });
  });

  it("shows both accounts' balances and histories, newest first", async () => {
    const payer = await call(accountsRoute.GET, { params: { publicKey: alice.publicKey } });
    expect(payer.status).toBe(200);
    const body = payer.body as {
      account: string;
      balance: string;
      transactions: { txId: string; blockHeight: number }[];
      nextBefore: string | null;
    };
    expect(body.account).toBe(alice.publicKey);
    expect(body.balance).toBe("3750");
    expect(body.transactions.map((entry) => entry.txId)[0]).toBe(receipt.txId);
    expect(body.transactions).toHaveLength(2);
    expect(body.nextBefore).toBeNull();
  });

  it("answers an account never seen with balance 0 and no transactions", async () => {
    const stranger = makeWallet();
    const response = await call(accountsRoute.GET, { params: { publicKey: stranger.publicKey } });
    expect(response.body).toEqual({ account: stranger.publicKey, balance: "0", transactions: [], nextBefore: null });
  });
});

describe("the read API", () => {
  beforeAll(async () => {
    // Several blocks: each payment awaited alone seals its own block.
    for (let index = 0; index < 5; index++) {
      const response = await call(paymentsRoute.POST, { body: signPayment(alice, bob.publicKey, "10") });
      expect(response.status).toBe(201);
    }
  });

  it("describes the node: chain, key, currency, head and faucet", async () => {
    const response = await call(nodeRoute.GET);
    const body = response.body as {
      chainId: string;
      nodePublicKey: string;
      currency: unknown;
      head: SignedBlock;
      faucet: unknown;
    };
    expect(body.chainId).toBe(testChainId);
    expect(body.nodePublicKey).toBe(node.nodePublicKey);
    expect(body.currency).toEqual({ code: "USD", decimals: 2 });
    expect(body.head.header.height).toBe(7);
    expect(body.faucet).toEqual({ enabled: true, amount: "5000" });
  });

  it("pages blocks newest first with an exclusive before, down to genesis", async () => {
    const first = await call(blocksRoute.GET, { path: "/api/blocks?limit=3" });
    const firstBody = first.body as { blocks: SignedBlock[]; nextBefore: number | null };
    expect(firstBody.blocks.map((block) => block.header.height)).toEqual([7, 6, 5]);
    expect(firstBody.nextBefore).toBe(5);
    const second = await call(blocksRoute.GET, { path: "/api/blocks?limit=3&before=5" });
    expect((second.body as { blocks: SignedBlock[] }).blocks.map((block) => block.header.height)).toEqual([4, 3, 2]);
    const last = await call(blocksRoute.GET, { path: "/api/blocks?limit=100&before=2" });
    const lastBody = last.body as { blocks: SignedBlock[]; nextBefore: number | null };
    expect(lastBody.blocks.map((block) => block.header.height)).toEqual([1, 0]);
    expect(lastBody.nextBefore).toBeNull();
  });

  it("serves ascending headers from a height, and a block by height or by hash", async () => {
    const headers = await call(headersRoute.GET, { path: "/api/headers?from=2&limit=3" });
    const blocks = (headers.body as { blocks: SignedBlock[] }).blocks;
    expect(blocks.map((block) => block.header.height)).toEqual([2, 3, 4]);
    expect(blocks[1]!.header.prevHash).toBe(blocks[0]!.hash);
    const byHeight = await call(blockRoute.GET, { params: { heightOrHash: "3" } });
    const byHash = await call(blockRoute.GET, { params: { heightOrHash: blocks[1]!.hash } });
    expect(byHeight.status).toBe(200);
    expect(byHash.body).toEqual(byHeight.body);
    const body = byHeight.body as { block: SignedBlock; transactions: { leafIndex: number; tx: { amount: string } }[] };
    expect(body.block).toEqual(blocks[1]);
    expect(body.transactions).toHaveLength(1);
    expect(body.transactions[0]!.tx.amount).toBe("10");
  });

  it("pages an account's history with the opaque nextBefore", async () => {
    const seen: string[] = [];
    let before: string | null = null;
    do {
      const query: string = before === null ? "limit=2" : `limit=2&before=${before}`;
      const response = await call(accountsRoute.GET, {
        path: `/api/accounts/x?${query}`,
        params: { publicKey: bob.publicKey },
      });
      const body = response.body as { transactions: { txId: string }[]; nextBefore: string | null };
      seen.push(...body.transactions.map((entry) => entry.txId));
      before = body.nextBefore;
    } while (before !== null);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
  });

  it("answers not_found for a block, transaction or height that does not exist", async () => {
    expect((await call(blockRoute.GET, { params: { heightOrHash: "99" } })).body).toEqual({
      error: { code: "not_found", message: "No block at this height or with this hash." },
    });
    const missing = await call(transactionRoute.GET, { params: { txId: "0".repeat(64) } });
    expect(missing.status).toBe(404);
    expect((missing.body as { error: { code: string } }).error.code).toBe("not_found");
  });
});
