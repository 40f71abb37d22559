// Small-order public keys: why the node refuses them as accounts, and that it does.
import { describe, expect, it } from "vitest";
import { isSmallOrderKey } from "@/lib/ledger/ed25519";
import { verifyWithNodeCrypto } from "@/lib/crypto/ed25519";
import { faucetBodySchema, signedPaymentSchema } from "@/lib/validations/transaction";
import { namedKey, payment } from "../support/keys";

const identityKey = `01${"00".repeat(31)}`;

describe("small-order keys", () => {
  it("are dangerous: the identity key 'verifies' one forged signature for every message", () => {
    const forged = `01${"00".repeat(63)}`;
    for (const message of ["pay me", "pay you", ""]) {
      expect(verifyWithNodeCrypto(identityKey, new TextEncoder().encode(message), forged)).toBe(true);
    }
  });

  it.each([
    ["the identity", identityKey],
    ["zero", "00".repeat(32)],
    ["an order-8 point", "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"],
    ["an order-8 point with its sign bit set", "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa"],
    ["p − 1 (order 2)", `ec${"ff".repeat(30)}7f`],
  ])("are recognised: %s", (_name, key) => {
    expect(isSmallOrderKey(key)).toBe(true);
  });

  it("leave ordinary keys alone", () => {
    expect(isSmallOrderKey("ab".repeat(32))).toBe(false);
    expect(isSmallOrderKey("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")).toBe(false);
  });

  it("are refused as payees and as faucet accounts", () => {
    const signed = payment(namedKey("alice"), namedKey("bob"), "100");
    const parsed = signedPaymentSchema.safeParse({ ...signed, tx: { ...signed.tx, to: identityKey } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ["tx", "to"],
      message: "is a weak key (a point of small order) that anyone could sign for",
    });
    expect(faucetBodySchema.safeParse({ account: identityKey }).success).toBe(false);
  });
});
