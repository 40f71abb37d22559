// The total supply's limit, a sealing rule (planSeal): mints that would take the supply past 2^63 − 1 minor units
// are refused, so that every sum of balances is exact in a signed 64-bit integer; payments move money and never
// meet the limit. Valid data, invalid data, and valid data made invalid by one more minor unit.
import { describe, expect, it } from "vitest";
import { computeTxId } from "@/lib/ledger/hash";
import { totalSupplyMinorMax } from "@/lib/ledger/limits";
import { planSeal, type SealOutcome } from "@/lib/ledger/seal";
import type { SignedTransaction } from "@/lib/ledger/types";
import { isoAt, mint, namedKey, payment } from "../support/keys";

const node = namedKey("node");
const alice = namedKey("alice");
const bob = namedKey("bob");

const sealedAt = (leafIndex: number): SealOutcome => ({ kind: "sealed", leafIndex });
const exceeded: SealOutcome = { kind: "refused", problem: "supply_exceeded" };

function planWithSupply(batch: readonly SignedTransaction[], supplyMinor: bigint, stored: Record<string, bigint> = {}) {
  return planSeal(
    batch.map((signed) => ({ txId: computeTxId(signed.tx), signed })),
    () => false,
    (account) => stored[account] ?? 0n,
    supplyMinor,
  );
}

describe("planSeal and the total supply", () => {
  it.each([
    {
      name: "a mint that brings the supply to the limit exactly is sealed",
      supply: totalSupplyMinorMax - 10n,
      amount: "10",
      outcome: sealedAt(0),
    },
    {
      name: "a mint one minor unit past the limit is refused",
      supply: totalSupplyMinorMax - 10n,
      amount: "11",
      outcome: exceeded,
    },
    {
      name: "any mint is refused once the supply is at the limit",
      supply: totalSupplyMinorMax,
      amount: "1",
      outcome: exceeded,
    },
    {
      name: "the largest amount is sealed on an empty chain",
      supply: 0n,
      amount: "9999999999999999",
      outcome: sealedAt(0),
    },
  ])("$name", ({ supply, amount, outcome }) => {
    const result = planWithSupply([mint(node, alice, amount)], supply);
    expect(result.outcomes).toEqual([outcome]);
    expect(result.sealed).toHaveLength(outcome.kind === "sealed" ? 1 : 0);
  });

  it("counts the mints earlier in the same batch: the one that crosses the limit is refused, later smaller ones fit", () => {
    const result = planWithSupply(
      [
        mint(node, alice, "6", { timestamp: isoAt(1) }),
        mint(node, bob, "5", { timestamp: isoAt(2) }),
        mint(node, bob, "4", { timestamp: isoAt(3) }),
      ],
      totalSupplyMinorMax - 10n,
    );
    expect(result.outcomes).toEqual([sealedAt(0), exceeded, sealedAt(1)]);
  });

  it("a refused mint changes no balance and touches no account", () => {
    const result = planWithSupply([mint(node, alice, "2")], totalSupplyMinorMax - 1n, { [alice.publicKeyHex]: 7n });
    expect(result.outcomes).toEqual([exceeded]);
    expect(result.touched.size).toBe(0);
    expect(result.balances.get(alice.publicKeyHex) ?? 7n).toBe(7n);
  });

  it("payments move money at the limit: the supply stays as it is", () => {
    const result = planWithSupply([payment(alice, bob, "5")], totalSupplyMinorMax, { [alice.publicKeyHex]: 5n });
    expect(result.outcomes).toEqual([sealedAt(0)]);
    expect(Object.fromEntries(result.balances)).toEqual({ [alice.publicKeyHex]: 0n, [bob.publicKeyHex]: 5n });
  });

  it("a mint left out by the supply limit leaves room for a payment after it", () => {
    const result = planWithSupply([mint(node, alice, "3"), payment(alice, bob, "1")], totalSupplyMinorMax - 2n, {
      [alice.publicKeyHex]: 1n,
    });
    expect(result.outcomes).toEqual([exceeded, sealedAt(0)]);
  });
});
