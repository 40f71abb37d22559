// A replayed batch costs reads, not trees: 1,000 already-recorded payments sent again are answered from the
// receipts stored at seal time, a chunk of items to a store read, and no Merkle tree is built; identical items in
// one batch are checked once; and a batch gives the event loop back between chunks of items, so that it never
// holds up the node's other requests for long.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as batchRoute from "@/app/api/payments/batch/route";
import * as faucetRoute from "@/app/api/faucet/route";
import * as accountsRoute from "@/app/api/accounts/[publicKey]/route";
import { getVerifyPool } from "@/lib/crypto/verify-pool";
import { verifyWithWebCrypto } from "@/lib/ledger/ed25519";
import * as merkle from "@/lib/ledger/merkle";
import { verifyReceipt } from "@/lib/ledger/receipt";
import type { Receipt } from "@/lib/ledger/types";
import { writerOf, type LedgerNode } from "@/lib/server/node/context";
import { recordedReadsPerChunk } from "@/lib/server/payments/sealer";
import { batchItemsPerChunk } from "@/lib/server/payments/submit-batch";
import { signedPaymentSchema } from "@/lib/validations/transaction";
import { call, startTestNode } from "../../../support/node";
import { makeWallet, signPayment } from "../../../support/wallet";

// Every builder of a tree or of a path from one, counted wherever the node calls it.
vi.mock("@/lib/ledger/merkle", async (importOriginal) => {
  const actual = await importOriginal<typeof merkle>();
  return {
    ...actual,
    merkleTree: vi.fn(actual.merkleTree),
    treeFromPacked: vi.fn(actual.treeFromPacked),
    pathOfTree: vi.fn(actual.pathOfTree),
    pathsOfTree: vi.fn(actual.pathsOfTree),
  };
});
const treeBuilders = [merkle.merkleTree, merkle.treeFromPacked, merkle.pathOfTree, merkle.pathsOfTree];
const treeBuilderCalls = () => treeBuilders.reduce((sum, builder) => sum + vi.mocked(builder).mock.calls.length, 0);

type Result = { created?: boolean; receipt?: Receipt; error?: { code: string } };

let node: LedgerNode;
const payer = makeWallet();
const payees = Array.from({ length: 20 }, () => makeWallet().publicKey);
const payments = Array.from({ length: 1000 }, (_, index) => signPayment(payer, payees[index % 20]!, "1"));
let firstAnswers: Result[];

async function sendBatch(items: unknown[]): Promise<Result[]> {
  const response = await call(batchRoute.POST, { body: { payments: items } });
  expect(response.status).toBe(200);
  return (response.body as { results: Result[] }).results;
}

beforeAll(async () => {
  node = await startTestNode("batch-replay", {
    FAUCET_AMOUNT: "100000",
    FAUCET_HOURLY_PER_CLIENT: "0",
    FAUCET_HOURLY_TOTAL: "0",
  });
  expect((await call(faucetRoute.POST, { body: { account: payer.publicKey } })).status).toBe(201);
  firstAnswers = await sendBatch(payments);
  expect(firstAnswers.filter((result) => result.created === true)).toHaveLength(1000);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a replayed batch of 1,000 recorded payments", () => {
  it("is answered from the stored receipts, a chunk of items to a store read, building no tree", async () => {
    const bulkReads = vi.spyOn(node.store, "storedReceipts");
    const singleReads = vi.spyOn(node.store, "storedReceipt");
    const treeCallsBefore = treeBuilderCalls();
    const replayed = await sendBatch(payments);
    expect(treeBuilderCalls()).toBe(treeCallsBefore);
    // A read per chunk of items, not one per item.
    expect(bulkReads).toHaveBeenCalledTimes(1000 / batchItemsPerChunk);
    expect(new Set(bulkReads.mock.calls.flatMap(([txIds]) => txIds)).size).toBe(1000);
    expect(singleReads).not.toHaveBeenCalled();
    // Each position gets its own payment's stored receipt, the very one its first answer gave.
    expect(replayed).toEqual(firstAnswers.map((first) => ({ created: false, receipt: first.receipt })));
    for (const index of [0, 1, 499, 998, 999]) {
      expect((await verifyReceipt(replayed[index]!.receipt!, node.nodePublicKey, verifyWithWebCrypto)).ok).toBe(true);
    }
  });

  it("never parses more than a chunk of items before giving the event loop back", async () => {
    // A chain of immediates ticks once per turn of the event loop: items parsed in the same tick ran without
    // letting any other request in between.
    const counter = tickCounter();
    const parsesByTick = new Map<number, number>();
    const parse = signedPaymentSchema.safeParse.bind(signedPaymentSchema);
    vi.spyOn(signedPaymentSchema, "safeParse").mockImplementation((input) => {
      parsesByTick.set(counter.tick, (parsesByTick.get(counter.tick) ?? 0) + 1);
      return parse(input);
    });
    const replayed = await sendBatch(payments);
    counter.stop();
    expect(replayed.every((result) => result.created === false)).toBe(true);
    expect([...parsesByTick.values()].reduce((sum, count) => sum + count, 0)).toBe(1000);
    expect(Math.max(...parsesByTick.values())).toBeLessThanOrEqual(batchItemsPerChunk);
    expect(parsesByTick.size).toBeGreaterThanOrEqual(1000 / batchItemsPerChunk);
  });
});

/** Counts the turns of the event loop: a chain of immediates ticks once per turn until stopped. */
function tickCounter() {
  const counter = { tick: 0, stop: () => {} };
  let isDone = false;
  const ticker = () => {
    counter.tick++;
    if (!isDone) setImmediate(ticker);
  };
  setImmediate(ticker);
  counter.stop = () => (isDone = true);
  return counter;
}

describe("the same new batch sent twice at once", () => {
  it("is recorded once, the copy answered from the store a chunk of reads per turn of the event loop", async () => {
    const fresh = Array.from({ length: 300 }, (_, index) => signPayment(payer, payees[index % 20]!, "2"));
    // Seals wait until both copies are in the sealer: the one seal then finds every payment of the second
    // recorded by the first, and reads its stored receipt.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const seal = node.store.sealBlock.bind(node.store);
    vi.spyOn(node.store, "sealBlock").mockImplementation(async (...args: Parameters<typeof seal>) => {
      await held;
      return seal(...args);
    });
    const counter = tickCounter();
    const readsByTick = new Map<number, number>();
    const read = node.store.storedReceipt.bind(node.store);
    vi.spyOn(node.store, "storedReceipt").mockImplementation((txId) => {
      readsByTick.set(counter.tick, (readsByTick.get(counter.tick) ?? 0) + 1);
      return read(txId);
    });
    const copies = Promise.all([sendBatch(fresh), sendBatch(fresh)]);
    await vi.waitFor(() => expect(writerOf(node).sealer.waitingCount).toBe(600), { timeout: 60_000 });
    release();
    const [first, second] = await copies;
    counter.stop();
    for (const [index, result] of first.entries()) {
      const other = second[index]!;
      expect([result.created, other.created].sort()).toEqual([false, true]);
      expect(other.receipt).toEqual(result.receipt);
    }
    expect([...readsByTick.values()].reduce((sum, count) => sum + count, 0)).toBe(300);
    expect(Math.max(...readsByTick.values())).toBeLessThanOrEqual(recordedReadsPerChunk);
  });
});

describe("identical items in one batch", () => {
  it("are checked once and answered at every position, in order, paying once", async () => {
    const payee = makeWallet().publicKey;
    const once = signPayment(payer, payee, "7");
    // The same payment written with its fields in another order is the same payment too.
    const reordered = { signature: once.signature, tx: { ...once.tx } };
    const items = [...Array.from({ length: 998 }, () => once), reordered, { tx: once.tx }];
    const verifications = vi.spyOn(getVerifyPool(), "verifyPayments");
    const bulkReads = vi.spyOn(node.store, "storedReceipts");
    const parses = vi.spyOn(signedPaymentSchema, "safeParse");
    const results = await sendBatch(items);
    // One parse per distinct text: the payment, its reordered copy, and the item without a signature.
    expect(parses).toHaveBeenCalledTimes(3);
    expect(bulkReads).toHaveBeenCalledTimes(1);
    expect(bulkReads.mock.calls[0]![0]).toEqual([results[0]!.receipt!.txId]);
    expect(verifications).toHaveBeenCalledTimes(1);
    expect(verifications.mock.calls[0]![0]).toHaveLength(1);
    const { receipt } = results[0]!;
    expect(results[0]).toEqual({ created: true, receipt });
    // Every later copy is answered as if sent again alone: already recorded, with the same receipt.
    expect(results.slice(1, 999)).toEqual(Array.from({ length: 998 }, () => ({ created: false, receipt })));
    expect(results[999]).toMatchObject({ error: { code: "invalid_request", field: "signature" } });
    const account = await call(accountsRoute.GET, { params: { publicKey: payee } });
    expect((account.body as { balance: string }).balance).toBe("7");
  });

  it("keep their own answers when the first is refused", async () => {
    const broke = makeWallet();
    const refused = signPayment(broke, makeWallet().publicKey, "1");
    const results = await sendBatch([refused, refused, payments[0]]);
    const insufficient = {
      error: {
        code: "insufficient_funds",
        message: "The payer's balance does not cover this amount.",
        field: "tx.amount",
      },
    };
    expect(results).toEqual([insufficient, insufficient, { created: false, receipt: firstAnswers[0]!.receipt }]);
  });
});
