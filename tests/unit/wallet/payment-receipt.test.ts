// The wallet says "Paid" only for a receipt that verifies: well formed, for the very payment it signed, and
// signed by the node key this browser trusts. Everything else names the checks that failed.
import { describe, expect, it } from "vitest";
import { computeTxId } from "@/lib/ledger/hash";
import type { Receipt, SignedTransaction } from "@/lib/ledger/types";
import { verifyPaymentReceipt, type OutboxEntry } from "@/lib/wallet/payments";
import { loneReceipt } from "../support/chain";
import { flipHexBit, isoAt, namedKey, payment } from "../support/keys";

const node = namedKey("node");
const rogue = namedKey("rogue");
const alice = namedKey("alice");
const bob = namedKey("bob");

/** The node's receipt for `signed`, alone in block 1 (its leaf is the Merkle root), signed by `signer`. */
function receiptFor(signed: SignedTransaction, signer = node): Receipt {
  return loneReceipt(signed, { height: 1, signer, timestamp: isoAt(1) });
}

const paid = payment(alice, bob, "1250", { memo: "coffee" });
const other = payment(alice, bob, "99");
const entry: OutboxEntry = { txId: computeTxId(paid.tx), signed: paid };
const receipt = receiptFor(paid);
const otherReceipt = receiptFor(other);
const trusted = () => Promise.resolve(node.publicKeyHex);
const failedChecks = async (answer: unknown, trustedKey = trusted) =>
  (await verifyPaymentReceipt(entry, answer, trustedKey)).checks
    .filter((check) => !check.ok)
    .map((check) => check.name);

describe("verifyPaymentReceipt", () => {
  it("passes the node's receipt for this payment under the trusted key", async () => {
    const verification = await verifyPaymentReceipt(entry, receipt, trusted);
    expect(verification.ok).toBe(true);
    expect(verification.checks.map((check) => check.name)).toContain(
      "The receipt is for the payment this wallet signed",
    );
  });

  it.each<[string, unknown, string[]]>([
    ["another payment's receipt", otherReceipt, ["The receipt is for the payment this wallet signed"]],
    [
      "a block signature that was changed",
      { ...receipt, block: { ...receipt.block, signature: flipHexBit(receipt.block.signature, 0) } },
      ["The node signed the block header"],
    ],
    ["no receipt at all", undefined, ["The receipt is well formed"]],
    ["a receipt with a field missing", { ...receipt, proof: undefined }, ["The receipt is well formed"]],
    ["a receipt with a field added", { ...receipt, paid: true }, ["The receipt is well formed"]],
  ])("fails %s", async (_, answer, expected) => {
    expect(await failedChecks(answer)).toEqual(expected);
  });

  it("fails a receipt signed by another node key than the one this browser trusts", async () => {
    expect(await failedChecks(receiptFor(paid, rogue))).toEqual([
      "The receipt names the node key you trust",
      "The node signed the block header",
    ]);
  });

  it("fails, without throwing, when the trusted key cannot be had", async () => {
    expect(await failedChecks(receipt, () => Promise.reject(new Error("storage unavailable")))).toEqual([
      "The receipt could be checked against the trusted node key",
    ]);
  });
});
