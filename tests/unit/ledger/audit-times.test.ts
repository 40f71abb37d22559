// The chain audit's time rules, as PROTOCOL.md says a verifier checks them: block timestamps never decrease, and
// every transaction is within 10 minutes (timestampSkewMaxMs) of its block's timestamp, either way.
import { describe, expect, it } from "vitest";
import { ChainAuditor, type AuditResult } from "@/lib/ledger/audit";
import { timestampSkewMaxMs } from "@/lib/ledger/limits";
import { buildChain, type BlockSpec } from "../support/chain";
import { isoAt, mint, namedKey, payment, verifyBatchSync } from "../support/keys";

const node = namedKey("node");
const alice = namedKey("alice");
const bob = namedKey("bob");

// buildChain times block h at isoAt(h * 1000); these are the blocks at heights 1, 2 and 3.
const blockTimeMs = (height: number) => height * 1000;

async function audit(specs: BlockSpec[]): Promise<Pick<AuditResult, "ok" | "firstBad">> {
  const auditor = new ChainAuditor(node.publicKeyHex);
  await auditor.addBlocks(buildChain(node, specs), verifyBatchSync);
  const { ok, firstBad } = auditor.result;
  return { ok, firstBad };
}

const passes = { ok: true, firstBad: null };
const failsAt = (height: number, reason: string) => ({ ok: false, firstBad: { height, reason } });
const tooFar = "transaction 0: its timestamp is more than 10 minutes from its block's";

describe("block timestamps", () => {
  it.each([
    { name: "rising times pass", secondTime: isoAt(blockTimeMs(2)), expected: passes },
    { name: "a block at its parent's very time passes", secondTime: isoAt(blockTimeMs(1)), expected: passes },
    {
      name: "a block one millisecond before its parent fails there",
      secondTime: isoAt(blockTimeMs(1) - 1),
      expected: failsAt(2, "the block timestamp is before the previous block's"),
    },
  ])("$name", async ({ secondTime, expected }) => {
    const specs: BlockSpec[] = [
      { transactions: [mint(node, alice, "100")] },
      { transactions: [payment(alice, bob, "1")], header: { timestamp: secondTime } },
    ];
    expect(await audit(specs)).toEqual(expected);
  });
});

describe("transaction timestamps against their block's", () => {
  it.each([
    { name: "the same time", offsetMs: 0, expected: passes },
    { name: "exactly the skew before", offsetMs: -timestampSkewMaxMs, expected: passes },
    { name: "exactly the skew after", offsetMs: timestampSkewMaxMs, expected: passes },
    {
      name: "one millisecond more than the skew before",
      offsetMs: -timestampSkewMaxMs - 1,
      expected: failsAt(1, tooFar),
    },
    {
      name: "one millisecond more than the skew after",
      offsetMs: timestampSkewMaxMs + 1,
      expected: failsAt(1, tooFar),
    },
  ])("$name", async ({ offsetMs, expected }) => {
    const minted = mint(node, alice, "100", { timestamp: isoAt(blockTimeMs(1) + offsetMs) });
    expect(await audit([{ transactions: [minted] }])).toEqual(expected);
  });
});
