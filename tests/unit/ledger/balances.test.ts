// The balance rules: a payment moves money and never overdraws, a mint creates it, nothing passes 2^63 - 1,
// and a refused transaction changes nothing.
import { describe, expect, it } from "vitest";
import { applyTransaction } from "@/lib/ledger/balances";
import { balanceMinorMax } from "@/lib/ledger/limits";
import type { Transaction } from "@/lib/ledger/types";

const node = "0a".repeat(32);
const alice = "a1".repeat(32);
const bob = "b0".repeat(32);

function tx(type: Transaction["type"], from: string, to: string, amount: string): Transaction {
  return { type, chainId: "chainpay-test", from, to, amount, timestamp: "2026-11-25T22:00:00.000Z" };
}

function total(balances: ReadonlyMap<string, bigint>): bigint {
  let sum = 0n;
  for (const balance of balances.values()) sum += balance;
  return sum;
}

describe("applyTransaction", () => {
  it("the ceiling is the signed 64-bit maximum", () => {
    expect(balanceMinorMax).toBe(9223372036854775807n);
  });

  it("a mint credits a new account and debits nobody", () => {
    const balances = new Map<string, bigint>();
    expect(applyTransaction(balances, tx("mint", node, alice, "5000"))).toBeNull();
    expect(balances).toEqual(new Map([[alice, 5000n]]));
  });

  it("a mint adds to an existing balance", () => {
    const balances = new Map([[alice, 1n]]);
    expect(applyTransaction(balances, tx("mint", node, alice, "9999999999999999"))).toBeNull();
    expect(balances.get(alice)).toBe(10000000000000000n);
  });

  it("a payment moves money from payer to payee, conserving the total", () => {
    const balances = new Map([[alice, 5000n]]);
    expect(applyTransaction(balances, tx("payment", alice, bob, "1250"))).toBeNull();
    expect(balances).toEqual(
      new Map([
        [alice, 3750n],
        [bob, 1250n],
      ]),
    );
    expect(total(balances)).toBe(5000n);
  });

  it("a payment of the whole balance leaves exactly zero", () => {
    const balances = new Map([
      [alice, 1250n],
      [bob, 7n],
    ]);
    expect(applyTransaction(balances, tx("payment", alice, bob, "1250"))).toBeNull();
    expect(balances).toEqual(
      new Map([
        [alice, 0n],
        [bob, 1257n],
      ]),
    );
  });

  it.each([
    { name: "one minor unit more than the balance", start: [[alice, 1250n]] as [string, bigint][], amount: "1251" },
    { name: "from an account never seen", start: [] as [string, bigint][], amount: "1" },
    {
      name: "from an empty account",
      start: [
        [alice, 0n],
        [bob, 3n],
      ] as [string, bigint][],
      amount: "1",
    },
  ])("an overdraft ($name) is refused and changes nothing", ({ start, amount }) => {
    const balances = new Map(start);
    expect(applyTransaction(balances, tx("payment", alice, bob, amount))).toBe("insufficient_funds");
    expect(balances).toEqual(new Map(start));
  });

  it.each([
    { name: "a mint one past the maximum", type: "mint" as const, payee: balanceMinorMax, amount: "1" },
    {
      name: "a mint far past the maximum",
      type: "mint" as const,
      payee: balanceMinorMax - 10n,
      amount: "9999999999999999",
    },
    { name: "a payment one past the maximum", type: "payment" as const, payee: balanceMinorMax - 4n, amount: "5" },
  ])("$name is refused as an overflow and changes nothing", ({ type, payee, amount }) => {
    const start: [string, bigint][] = [
      [alice, 10n ** 16n],
      [bob, payee],
    ];
    const balances = new Map(start);
    expect(applyTransaction(balances, tx(type, type === "mint" ? node : alice, bob, amount))).toBe("balance_overflow");
    expect(balances).toEqual(new Map(start));
  });

  it("a credit that lands exactly on the maximum is allowed", () => {
    const balances = new Map([
      [alice, 100n],
      [bob, balanceMinorMax - 5n],
    ]);
    expect(applyTransaction(balances, tx("payment", alice, bob, "5"))).toBeNull();
    expect(balances.get(bob)).toBe(balanceMinorMax);
    expect(balances.get(alice)).toBe(95n);
  });

  it.each(["0", "01", "1.5", "-1", "", "12345678901234567"])(
    "an amount of %j is a bug, thrown before anything changes",
    (amount) => {
      const balances = new Map([[alice, 100n]]);
      expect(() => applyTransaction(balances, tx("payment", alice, bob, amount))).toThrow(RangeError);
      expect(balances).toEqual(new Map([[alice, 100n]]));
    },
  );

  it("a payment to oneself never creates money", () => {
    // The schemas and the auditor refuse from === to before this rule runs; the rule itself must still not turn
    // a self-payment into a mint, since it is the one place balances change.
    const balances = new Map([[alice, 100n]]);
    const problem = applyTransaction(balances, tx("payment", alice, alice, "40"));
    expect({ problem, total: total(balances) }).toEqual({ problem, total: 100n });
  });
});
