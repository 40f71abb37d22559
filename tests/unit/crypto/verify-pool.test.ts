// The verify pool runs lib/crypto/verify-worker.ts on worker threads: here, in Vitest, as in `next start` and the
// tsx scripts. Its verdicts must be exactly node:crypto's, in the order of the checks, whichever path answers.
import { afterAll, describe, expect, it } from "vitest";
import { canonicalBytes } from "@/lib/ledger/canonical";
import type { SignatureCheck } from "@/lib/ledger/audit";
import { VerifyPool } from "@/lib/crypto/verify-pool";
import { flipHexBit, isoAt, namedKey, payment, verifyNodeSync } from "../support/keys";

const payers = ["alice", "bob", "carol"].map(namedKey);
const payee = namedKey("payee");

// Signed once: larger lists repeat these, so that the test's time goes to the pool, not to signing.
const signedChecks: SignatureCheck[] = Array.from({ length: 300 }, (_, index) => {
  const payer = payers[index % payers.length]!;
  const signed = payment(payer, payee, String(index + 1), { timestamp: isoAt(index) });
  // Every fifth signature is made invalid by one flipped bit.
  const signature = index % 5 === 4 ? flipHexBit(signed.signature, index % 64) : signed.signature;
  return { publicKey: payer.publicKeyHex, message: canonicalBytes(signed.tx), signature };
});
const signedVerdicts = signedChecks.map((check) => verifyNodeSync(check.publicKey, check.message, check.signature));

/** `count` checks and node:crypto's verdict on each, starting `offset` into the signed ones. */
function checksOf(count: number, offset = 0): { checks: SignatureCheck[]; expected: boolean[] } {
  const indexes = Array.from({ length: count }, (_, index) => (offset + index) % signedChecks.length);
  return {
    checks: indexes.map((index) => signedChecks[index]!),
    expected: indexes.map((index) => signedVerdicts[index]!),
  };
}

describe("VerifyPool", () => {
  const pool = new VerifyPool(2);
  afterAll(() => pool.close());

  it.each([
    { name: "a few checks, verified in this thread", count: 10 },
    { name: "a batch's worth", count: 500 },
    { name: "more than a block's worth, which waits for the workers", count: 2500 },
    { name: "an odd count that splits unevenly over the workers", count: 1001 },
  ])("answers node:crypto's verdicts in order: $name", async ({ count }) => {
    const { checks, expected } = checksOf(count);
    const verdicts = await pool.verify(checks);
    expect(verdicts).toEqual(expected);
    expect(verdicts.filter((isValid) => !isValid)).toHaveLength(Math.floor(count / 5));
  });

  it("refuses malformed keys and signatures on the workers as node:crypto does", async () => {
    const malformed = checksOf(200).checks.map((check, index) =>
      index % 2 === 0 ? { ...check, publicKey: "zz" + check.publicKey.slice(2) } : { ...check, signature: "00" },
    );
    expect(await pool.verify(malformed)).toEqual(malformed.map(() => false));
  });

  it("answers calls made at once, each with its own verdicts", async () => {
    const [first, second] = [checksOf(1200), checksOf(1300, 7)];
    const verdicts = await Promise.all([pool.verify(first.checks), pool.verify(second.checks)]);
    expect(verdicts).toEqual([first.expected, second.expected]);
  });
});
