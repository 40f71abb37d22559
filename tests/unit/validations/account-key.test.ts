// One account rule everywhere: a key is an account when it is hex64 and not a small-order point. The node refuses
// weak keys at submission (accountKeySchema); the chain audit refuses a block that records one all the same.
import { describe, expect, it } from "vitest";
import { ChainAuditor } from "@/lib/ledger/audit";
import { isAccountKey } from "@/lib/ledger/ed25519";
import type { Transaction } from "@/lib/ledger/types";
import { accountKeySchema } from "@/lib/validations/transaction";
import { buildChain } from "../support/chain";
import { isoAt, mint, namedKey, signTransaction, testChainId, verifyBatchSync } from "../support/keys";

const node = namedKey("node");
const alice = namedKey("alice");
const identityKey = `01${"00".repeat(31)}`;

describe("isAccountKey", () => {
  it.each([
    { name: "an ordinary public key", key: alice.publicKeyHex, expected: true },
    { name: "the identity point", key: identityKey, expected: false },
    {
      name: "an order-8 point with its sign bit set",
      key: `c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa`,
      expected: false,
    },
    { name: "uppercase hex", key: alice.publicKeyHex.toUpperCase(), expected: false },
    { name: "one character short", key: alice.publicKeyHex.slice(1), expected: false },
  ])("$name: $expected, as accountKeySchema says", ({ key, expected }) => {
    expect(isAccountKey(key)).toBe(expected);
    expect(accountKeySchema.safeParse(key).success).toBe(expected);
  });
});

describe("the chain audit and weak keys", () => {
  const toIdentity: Transaction = {
    type: "payment",
    chainId: testChainId,
    from: alice.publicKeyHex,
    to: identityKey,
    amount: "10",
    timestamp: isoAt(0),
  };

  it.each([
    { name: "a valid chain passes", weakPayment: false, expected: { ok: true, firstBad: null } },
    {
      name: "the same chain with a payment to a weak key fails at that block",
      weakPayment: true,
      expected: { ok: false, firstBad: { height: 2, reason: "transaction 0: its accounts are malformed" } },
    },
  ])("$name", async ({ weakPayment, expected }) => {
    const chain = buildChain(node, [
      { transactions: [mint(node, alice, "100")] },
      {
        transactions: weakPayment
          ? [signTransaction(toIdentity, alice)]
          : [mint(node, alice, "5", { timestamp: isoAt(1) })],
      },
    ]);
    const auditor = new ChainAuditor(node.publicKeyHex);
    await auditor.addBlocks(chain, verifyBatchSync);
    expect(auditor.result).toMatchObject(expected);
  });
});
