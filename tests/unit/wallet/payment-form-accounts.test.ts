// The payment form and the account rule: a payee that is no Ed25519 point (a mistyped key, most likely) is refused
// beside the field in plain words, before anything is signed, because the node would refuse it just the same.
import { describe, expect, it } from "vitest";
import { checkPaymentForm, paymentFieldProblem, type PaymentFormContext } from "@/lib/wallet/payment-form";
import { english, englishProblems } from "../support/english";
import { namedKey } from "../support/keys";

const own = namedKey("alice").publicKeyHex;
const context: PaymentFormContext = { ownKey: own, currency: { code: "USD", decimals: 2 }, balanceMinor: 10_000n };
const offCurveMessage = "This is not a valid account key: check it for a typo.";

// RFC 8032 §7.1 TEST 1's public key, and the same key with one digit mistyped (5 for 6) so that it no longer
// decodes. About half of all 32-byte strings do decode, so the rule catches about half of all typos, not all.
const realKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
const mistypedKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707611a";

describe("the payment form's payee", () => {
  it.each([
    { name: "a real key", recipient: realKey, expected: null },
    { name: "the same key pasted in capitals with spaces", recipient: `  ${realKey.toUpperCase()} `, expected: null },
    { name: "the same key mistyped", recipient: mistypedKey, expected: offCurveMessage },
    { name: "y = 2, which has no x", recipient: `02${"00".repeat(31)}`, expected: offCurveMessage },
    { name: "a non-canonical encoding (y = p + 3)", recipient: `f0${"ff".repeat(30)}7f`, expected: offCurveMessage },
    {
      name: "a small-order point",
      recipient: `01${"00".repeat(31)}`,
      expected: "This is a weak key that anyone could spend from. Ask for the right account key.",
    },
  ])("$name: $expected", ({ recipient, expected }) => {
    expect(english(paymentFieldProblem("recipient", recipient, context))).toBe(expected);
  });

  it("holds back the whole form, naming only the payee", () => {
    const check = checkPaymentForm({ recipient: mistypedKey, amount: "1.00", memo: "" }, context);
    expect(check.draft).toBeNull();
    expect(englishProblems(check.problems ?? {})).toEqual({ recipient: offCurveMessage });
  });
});
