// Small-order public keys: why the node refuses them as accounts, and that it does.
import { ed25519 } from "@noble/curves/ed25519.js";
import { describe, expect, it } from "vitest";
import { isSmallOrderKey } from "@/lib/ledger/ed25519";
import { faucetBodySchema, signedPaymentSchema } from "@/lib/validations/transaction";
import { namedKey, payment } from "../support/keys";

const identityKey = `01${"00".repeat(31)}`;

describe("small-order keys", () => {
  // The danger is in the verification equation, [S]B = R + [k]A, not in any one library: with A and R the identity
  // and S = 0 it holds whatever k, so whatever the message. A verifier that follows ZIP 215's rules (as @noble/curves
  // does by default) says so; whether a runtime's own Ed25519 refuses it varies (Node 20's OpenSSL accepts it, Node
  // 24's refuses it), so the node never relies on either: the key is refused as an account before any signature.
  it("are dangerous: for the identity key, R = the identity and S = 0 'verify' every message", () => {
    const forged = Uint8Array.from(Buffer.from(`01${"00".repeat(63)}`, "hex"));
    const key = Uint8Array.from(Buffer.from(identityKey, "hex"));
    for (const message of ["pay me", "pay you", ""]) {
      expect(ed25519.verify(forged, new TextEncoder().encode(message), key, { zip215: true })).toBe(true);
    }
    // An ordinary key is not fooled by the same bytes.
    const ordinary = ed25519.getPublicKey(ed25519.utils.randomSecretKey());
    expect(ed25519.verify(forged, new TextEncoder().encode("pay me"), ordinary, { zip215: true })).toBe(false);
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
