// The verify pool's bounded queue for payments: a call is refused `overloaded` only while more than 10,000
// payment checks already wait (PROTOCOL.md's rule for payments), accepted at exactly 10,000, and the audit's
// calls, which wait rather than refuse, are never refused.
import { afterAll, describe, expect, it } from "vitest";
import { canonicalBytes } from "@/lib/ledger/canonical";
import type { SignatureCheck } from "@/lib/ledger/audit";
import { paymentChecksWaitingMax, VerifyPool } from "@/lib/crypto/verify-pool";
import { isoAt, namedKey, payment } from "../support/keys";

const payer = namedKey("queue payer");
const payee = namedKey("queue payee");
const signed = Array.from({ length: 10 }, (_, index) =>
  payment(payer, payee, String(index + 1), { timestamp: isoAt(index) }),
);
const checksOf = (count: number): SignatureCheck[] =>
  Array.from({ length: count }, (_, index) => {
    const { tx, signature } = signed[index % signed.length]!;
    return { publicKey: payer.publicKeyHex, message: canonicalBytes(tx), signature };
  });

// Ten thousand checks take one worker a few seconds, more on a busy machine.
describe("VerifyPool.verifyPayments", () => {
  const pool = new VerifyPool(1);
  afterAll(() => pool.close());

  it("accepts a call with exactly paymentChecksWaitingMax checks waiting", async () => {
    const waiting = pool.verifyPayments(checksOf(paymentChecksWaitingMax));
    expect(pool.paymentChecksWaiting).toBe(paymentChecksWaitingMax);
    const next = pool.verifyPayments(checksOf(3));
    expect(await next).toEqual([true, true, true]);
    expect((await waiting).every((isValid) => isValid)).toBe(true);
    expect(pool.paymentChecksWaiting).toBe(0);
  }, 120_000);

  it("refuses a call while more wait, lets the audit's through, and accepts again once they are answered", async () => {
    const waiting = pool.verifyPayments(checksOf(paymentChecksWaitingMax + 1));
    await expect(pool.verifyPayments(checksOf(1))).rejects.toMatchObject({
      code: "overloaded",
      message: "Too many payments are waiting for their signatures to be checked; retry shortly.",
    });
    expect(pool.paymentChecksWaiting).toBe(paymentChecksWaitingMax + 1);
    expect(await pool.verify(checksOf(100))).toEqual(checksOf(100).map(() => true));
    await waiting;
    expect(pool.paymentChecksWaiting).toBe(0);
    expect(await pool.verifyPayments(checksOf(1))).toEqual([true]);
  }, 120_000);
});
