// A receipt is sealed until the node's witnessed receipt verifies under the pinned policy and carries the very
// receipt the wallet holds; then it is "Witnessed (k of n)", or with `quorum none` "no witnesses". The backoff
// and the overdue bound are plain functions of time.
import { describe, expect, it } from "vitest";
import { parsePolicy } from "@/lib/ledger/log/policy";
import { verifyWithWebCrypto } from "@/lib/ledger/ed25519";
import {
  isWitnessOverdue,
  witnessLabel,
  witnessStatusOf,
  witnessedBoundMs,
  witnessedPollDelayMs,
} from "@/lib/wallet/witnessed/witnessed-status";
import { flipHexBit } from "../support/keys";
import { nowMs, policyText, witnessedPayment, witnesses } from "./witnessed-fixture";

const policy = parsePolicy(policyText(2));

function statusOf(answer: unknown, storedReceipt = witnessedPayment().receipt, usedPolicy = policy) {
  return witnessStatusOf({
    answer,
    storedReceipt,
    txId: storedReceipt.txId,
    policy: usedPolicy,
    nowMs,
    verify: verifyWithWebCrypto,
  });
}

describe("witnessStatusOf", () => {
  it("is witnessed by the two witnesses that cosigned, of three", async () => {
    const { witnessed } = witnessedPayment();
    const status = await statusOf({ witnessed });
    expect(status).toEqual({ kind: "witnessed", cosigners: ["alpha", "bravo"], witnessCount: 3, witnessed });
    expect(witnessLabel(status)).toBe("Witnessed (2 of 3)");
  });

  it("is witnessed (3 of 3) when every witness cosigned", async () => {
    const { witnessed } = witnessedPayment(5, witnesses);
    expect(witnessLabel(await statusOf({ witnessed }))).toBe("Witnessed (3 of 3)");
  });

  it("says no witnesses under quorum none, never witnessed (0 of 0)", async () => {
    const { witnessed } = witnessedPayment(5, []);
    const status = await statusOf({ witnessed }, undefined, parsePolicy(policyText("none")));
    expect(status.kind).toBe("node-alone");
    expect(witnessLabel(status)).toBe("Checkpointed (no witnesses)");
  });

  it("is not witnessed when fewer witnesses than the quorum cosigned", async () => {
    const { witnessed } = witnessedPayment(5, witnesses.slice(0, 1));
    expect((await statusOf({ witnessed })).kind).toBe("invalid");
  });

  it("refuses a witnessed receipt that carries another receipt than the stored one", async () => {
    const { witnessed, receipt } = witnessedPayment();
    const stored = { ...receipt, signature: flipHexBit(receipt.signature, 3) };
    const status = await statusOf({ witnessed }, stored);
    expect(status).toMatchObject({ kind: "invalid" });
    expect(status.kind === "invalid" && status.failedChecks).toContain(
      "The receipt inside is the one the node answered the payment with",
    );
  });

  it("refuses a log proof that does not prove the block", async () => {
    const { witnessed } = witnessedPayment();
    const logProof = { ...witnessed.logProof, leafIndex: 2 };
    expect((await statusOf({ witnessed: { ...witnessed, logProof } })).kind).toBe("invalid");
  });

  it("refuses an answer that is not a witnessed receipt", async () => {
    expect(await statusOf({ witnessed: { receipt: "no" } })).toEqual({
      kind: "invalid",
      failedChecks: ["The witnessed receipt is well formed"],
    });
  });
});

describe("polling while sealed", () => {
  it("backs off 1 s, 2 s, 4 s… up to 30 s", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 40].map(witnessedPollDelayMs)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });

  it("is overdue only past the bound and only while the node answers", () => {
    expect(isWitnessOverdue(0, witnessedBoundMs, true)).toBe(false);
    expect(isWitnessOverdue(0, witnessedBoundMs + 1, true)).toBe(true);
    expect(isWitnessOverdue(0, witnessedBoundMs + 1, false)).toBe(false);
  });
});
