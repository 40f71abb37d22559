// The wallet's payment form checks with the route's own schemas: what it accepts the node accepts, and what
// it refuses it explains in plain words beside the field at fault.
import { describe, expect, it } from "vitest";
import { paymentTransactionSchema } from "@/lib/validations/transaction";
import { checkPaymentForm, paymentFieldProblem, type PaymentFormContext } from "@/lib/wallet/payment-form";
import { english, englishProblems } from "../support/english";
import { namedKey, testChainId } from "../support/keys";

const own = namedKey("alice").publicKeyHex;
const other = namedKey("bob").publicKeyHex;
const usd = { code: "USD", decimals: 2 };
const context: PaymentFormContext = { ownKey: own, currency: usd, balanceMinor: 10_000n };
const identityKey = `01${"00".repeat(31)}`;

describe("checkPaymentForm", () => {
  it("turns a valid form into what the wallet signs, and the route accepts the result", () => {
    const check = checkPaymentForm(
      { recipient: `  ${other.toUpperCase()} `, amount: "12.5", memo: "lunch 🍜" },
      context,
    );
    expect(check).toEqual({ draft: { recipient: other, amount: 1250n, memo: "lunch 🍜" }, problems: null });
    const tx = {
      type: "payment",
      chainId: testChainId,
      from: own,
      to: check.draft!.recipient,
      amount: check.draft!.amount.toString(),
      memo: check.draft!.memo,
      timestamp: "2026-11-25T22:00:00.000Z",
    };
    expect(paymentTransactionSchema.safeParse(tx).success).toBe(true);
  });

  it("names every field at fault at once", () => {
    const check = checkPaymentForm({ recipient: "", amount: "", memo: "a\u0007b" }, context);
    expect(check.draft).toBeNull();
    expect(englishProblems(check.problems ?? {})).toEqual({
      recipient: "Enter the account key of the person you are paying.",
      amount: "Enter an amount.",
      memo: "Memo must not contain control characters.",
    });
  });
});

describe("paymentFieldProblem", () => {
  it.each([
    ["recipient", other, null],
    ["recipient", "", "Enter the account key of the person you are paying."],
    ["recipient", `${other.slice(0, 60)}zz`, "An account key has only the characters 0–9 and a–f."],
    ["recipient", other.slice(0, 40), "An account key is 64 characters long; this one has 40."],
    ["recipient", own, "This is your own account. Enter someone else's."],
    ["recipient", identityKey, "This is a weak key that anyone could spend from. Ask for the right account key."],
    ["amount", "87.66", null],
    ["amount", "1,234.50", "This is more than your balance of $100.00."],
    ["amount", " ", "Enter an amount."],
    ["amount", "1.234", "Enter an amount like 12.50, with at most 2 digits after the point."],
    ["amount", "1e3", "Enter an amount like 12.50, with at most 2 digits after the point."],
    ["amount", "-1", "Enter an amount like 12.50, with at most 2 digits after the point."],
    ["amount", "0.00", "The amount must be more than zero."],
    ["amount", "100.01", "This is more than your balance of $100.00."],
    ["memo", "", null],
    ["memo", "x".repeat(140), null],
    ["memo", "x".repeat(141), "Memo must be at most 140 characters."],
    ["memo", "\ud800", "Memo must be well-formed Unicode."],
  ] as const)("%s %j: %s", (field, value, problem) => {
    expect(english(paymentFieldProblem(field, value, context))).toBe(problem);
  });

  it("refuses an amount the protocol cannot carry, whatever the balance", () => {
    const rich = { ...context, balanceMinor: null };
    expect(english(paymentFieldProblem("amount", "99999999999999.99", rich))).toBeNull();
    expect(english(paymentFieldProblem("amount", "100000000000000.00", rich))).toBe("This amount is too large.");
  });

  it("asks for whole numbers in a currency without minor units", () => {
    const yen = { ownKey: own, currency: { code: "JPY", decimals: 0 }, balanceMinor: null };
    expect(english(paymentFieldProblem("amount", "12", yen))).toBeNull();
    expect(english(paymentFieldProblem("amount", "12.5", yen))).toBe("Enter a whole number, like 12.");
  });
});
