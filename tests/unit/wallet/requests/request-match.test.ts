// Which payment pays a request (lib/wallet/requests/request-match.ts): to the payee, of the amount (any, for an
// open amount), with the memo, made after the request (less the clock skew the node allows); a payment for a
// tampered link's other amount or memo never pays the original. And the amounts a person types into a request.
import { describe, expect, it } from "vitest";
import type { AccountEntry, Transaction } from "@/lib/ledger/types";
import { checkRequestAmount, checkRequestMemo } from "@/lib/wallet/requests/request-amount";
import { findPayment, mayHoldOlderPayments, paysRequest } from "@/lib/wallet/requests/request-match";
import type { StoredRequest } from "@/lib/wallet/requests/request-store";

const payee = "aa".repeat(32);
const payer = "bb".repeat(32);
const createdAt = "2026-12-01T12:00:00.000Z";
const request: StoredRequest = {
  id: "0".repeat(32),
  to: payee,
  amountMinor: "1250",
  memo: "lunch",
  expiresAt: null,
  signature: "cd".repeat(64),
  currency: { code: "USD", decimals: 2 },
  createdAt,
  paidTxId: null,
};

function entry(tx: Partial<Transaction>, blockHeight = 5, leafIndex = 0): AccountEntry {
  return {
    txId: `${blockHeight}`.padStart(64, "e"),
    blockHeight,
    leafIndex,
    tx: {
      type: "payment",
      chainId: "chainpay-test",
      from: payer,
      to: payee,
      amount: "1250",
      memo: "lunch",
      timestamp: "2026-12-01T12:01:00.000Z",
      ...tx,
    },
  };
}

describe("paysRequest", () => {
  const cases: [string, Partial<Transaction>, boolean][] = [
    ["the payment the request asks for", {}, true],
    ["one made while the payer's clock ran 9 minutes behind", { timestamp: "2026-12-01T11:51:00.000Z" }, true],
    ["one made long before the request", { timestamp: "2026-12-01T11:40:00.000Z" }, false],
    ["another amount (a tampered link's)", { amount: "125000" }, false],
    ["another memo", { memo: "dinner" }, false],
    ["no memo", { memo: undefined }, false],
    ["to another account", { to: payer, from: payee }, false],
    ["a mint", { type: "mint" }, false],
  ];
  it.each(cases)("%s: %s", (_name, tx, expected) => {
    expect(paysRequest(entry(tx), request)).toBe(expected);
  });

  it("takes any amount for an open request, and no memo for a request without one", () => {
    const open: StoredRequest = { ...request, amountMinor: null, memo: "" };
    expect(paysRequest(entry({ amount: "1", memo: undefined }), open)).toBe(true);
    expect(paysRequest(entry({ amount: "1", memo: "lunch" }), open)).toBe(false);
  });
});

describe("findPayment", () => {
  it("picks the earliest matching payment, whatever the history's order", () => {
    const entries = [entry({}, 9), entry({ amount: "1" }, 8), entry({}, 7, 3), entry({}, 7, 1)];
    expect(findPayment(entries, request)).toBe(entries[3]);
    expect(findPayment([entry({ amount: "1" })], request)).toBeUndefined();
  });

  it("says older pages may hold a payment only while the oldest entry read is not older than the request", () => {
    expect(mayHoldOlderPayments([entry({})], request)).toBe(true);
    expect(mayHoldOlderPayments([entry({ timestamp: "2026-12-01T11:00:00.000Z" })], request)).toBe(false);
    expect(mayHoldOlderPayments([], request)).toBe(false);
  });
});

describe("checkRequestAmount and checkRequestMemo", () => {
  const usd = { code: "USD", decimals: 2 };
  it.each([
    ["12.50", null, { ok: true, amountMinor: 1250n }],
    ["1,234.5", null, { ok: true, amountMinor: 123450n }],
    ["", null, { ok: false, problem: "empty" }],
    ["12.505", null, { ok: false, problem: "format" }],
    ["abc", null, { ok: false, problem: "format" }],
    ["0", null, { ok: false, problem: "zero" }],
    ["100000000000000", null, { ok: false, problem: "tooLarge" }],
    ["12.50", 1000n, { ok: false, problem: "overBalance" }],
  ] as const)("%s with balance %s", (text, balance, expected) => {
    expect(checkRequestAmount(text, usd, balance)).toEqual(expected);
  });

  it("names a memo's problem", () => {
    expect(checkRequestMemo("lunch 🍜")).toBeNull();
    expect(checkRequestMemo("x".repeat(141))).toBe("tooLong");
    expect(checkRequestMemo("a\nb")).toBe("control");
  });
});
