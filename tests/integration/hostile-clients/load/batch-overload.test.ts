// Bounded batch work: at most two batches parse, look up and verify at once, the rest waiting their turn; and
// `overloaded` only when more than 10,000 payments are already waiting (PROTOCOL.md), never below. Signature checks
// or seals are held back while batches and payments pile up, so that what is waiting is exactly what the test put
// there.
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as batchRoute from "@/app/api/payments/batch/route";
import * as faucetRoute from "@/app/api/faucet/route";
import * as paymentsRoute from "@/app/api/payments/route";
import { getVerifyPool } from "@/lib/crypto/verify-pool";
import { pendingPaymentsMax } from "@/lib/ledger/limits";
import { writerOf, type LedgerNode } from "@/lib/server/node/context";
import { batchGateOf, batchesWorkingMax } from "@/lib/server/payments/batch-gate";
import type { Sealer } from "@/lib/server/payments/sealer";
import { submitMint } from "@/lib/server/payments/submit-mint";
import { call, startTestNode } from "../../../support/node";
import { makeWallet, signPayment } from "../../../support/wallet";

let node: LedgerNode;
let sealer: Sealer;
const payer = makeWallet();
const payee = makeWallet().publicKey;

beforeAll(async () => {
  node = await startTestNode("batch-overload", {
    FAUCET_AMOUNT: "100000",
    FAUCET_HOURLY_PER_CLIENT: "0",
    FAUCET_HOURLY_TOTAL: "0",
  });
  sealer = writerOf(node).sealer;
  expect((await call(faucetRoute.POST, { body: { account: payer.publicKey } })).status).toBe(201);
});

/** Holds every seal until released: what is submitted meanwhile waits in the sealer. */
function holdSeals(): () => void {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const seal = node.store.sealBlock.bind(node.store);
  const spy = vi.spyOn(node.store, "sealBlock").mockImplementation(async (...args: Parameters<typeof seal>) => {
    await held;
    return seal(...args);
  });
  return () => {
    release();
    spy.mockRestore();
  };
}

const sendBatch = (items: unknown[]) => call(batchRoute.POST, { body: { payments: items } });

/** Holds every payment signature check until released: the batches that reach it stay at work. */
function holdVerifications() {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const pool = getVerifyPool();
  const verify = pool.verifyPayments.bind(pool);
  const spy = vi.spyOn(pool, "verifyPayments").mockImplementation(async (checks) => {
    await held;
    return verify(checks);
  });
  return {
    spy,
    release: () => {
      release();
      spy.mockRestore();
    },
  };
}

function expectCreated(responses: Awaited<ReturnType<typeof sendBatch>>[]) {
  for (const response of responses) {
    expect(response.status).toBe(200);
    expect((response.body as { results: { created: boolean }[] }).results).toMatchObject([{ created: true }]);
  }
}

describe("batches at work at once", () => {
  it(`are at most ${batchesWorkingMax}: the others wait their turn, and each is answered`, async () => {
    const gate = batchGateOf(sealer);
    const verifications = holdVerifications();
    const batches = Array.from({ length: 5 }, (_, index) => sendBatch([signPayment(payer, payee, String(index + 1))]));
    await vi.waitFor(
      () => {
        expect(gate.working + gate.queued).toBe(5);
        expect(verifications.spy).toHaveBeenCalledTimes(batchesWorkingMax);
      },
      { timeout: 60_000 },
    );
    expect(gate.working).toBe(batchesWorkingMax);
    expect(gate.queued).toBe(5 - batchesWorkingMax);
    verifications.release();
    expectCreated(await Promise.all(batches));
    expect(gate.working + gate.queued).toBe(0);
  });

  it("pass their turn on once their payments are in the sealer", async () => {
    const gate = batchGateOf(sealer);
    const release = holdSeals();
    const batches = Array.from({ length: 5 }, (_, index) => sendBatch([signPayment(payer, payee, String(index + 6))]));
    // All five reach the sealer while its seal is held: none keeps a turn while it waits for its block.
    await vi.waitFor(() => expect(sealer.waitingCount).toBe(5), { timeout: 60_000 });
    expect(gate.working + gate.queued).toBe(0);
    release();
    expectCreated(await Promise.all(batches));
  });
});

describe("overloaded", () => {
  it("is never the answer with 10,000 payments waiting, and is once more than 10,000 are", async () => {
    const release = holdSeals();
    const minted = makeWallet().publicKey;
    // submitMint queues its mint before it first awaits, so all of these are waiting when the loop ends.
    const mints = Array.from({ length: pendingPaymentsMax }, (_, index) =>
      submitMint(node, { account: minted, amount: "1", memo: `load ${index}` }),
    );
    expect(sealer.waitingCount).toBe(pendingPaymentsMax);
    const admitted = sendBatch([signPayment(payer, payee, "11")]);
    await vi.waitFor(() => expect(sealer.waitingCount).toBe(pendingPaymentsMax + 1), { timeout: 60_000 });

    const refusedPayment = signPayment(payer, payee, "12");
    const refused = await sendBatch([refusedPayment]);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.body).toEqual({
      error: { code: "overloaded", message: "More than 10000 payments are waiting; retry shortly." },
    });
    const single = await call(paymentsRoute.POST, { body: signPayment(payer, payee, "13") });
    expect(single.status).toBe(503);
    expect(single.headers.get("retry-after")).toBe("1");
    expect((single.body as { error: { code: string } }).error.code).toBe("overloaded");

    release();
    const outcomes = await Promise.all(mints);
    expect(outcomes.every((outcome) => outcome.created)).toBe(true);
    const admittedResponse = await admitted;
    expect(admittedResponse.status).toBe(200);
    expect((admittedResponse.body as { results: unknown[] }).results).toMatchObject([{ created: true }]);
    // Once the queue has drained, the refused batch goes through as sent.
    const retried = await sendBatch([refusedPayment]);
    expect(retried.status).toBe(200);
    expect((retried.body as { results: unknown[] }).results).toMatchObject([{ created: true }]);
  });
});
