// The audit's reasons in the page's language (app/explorer/audit/audit-reason.ts): every sentence the ledger core
// writes is read back into a message whose English is that very sentence, and whose Korean carries the same
// figures; a sentence the page does not know is left as it is.
import { describe, expect, it } from "vitest";
import { auditReasonWording } from "@/app/explorer/audit/audit-reason";
import { loadLocale, translatorOf } from "./render-in-locale";

await loadLocale("en");
await loadLocale("ko");

const reasons = [
  "the chain has no genesis block",
  "the node's signature over the block header does not verify",
  "transaction 3 has a signature that does not verify",
  "unknown block version 9",
  "malformed hash or signature",
  "the block hash does not match its header",
  "the block names another chain",
  "the block timestamp is malformed",
  "the block timestamp is before the previous block's",
  "a block cannot hold 1001 transactions",
  "txCount does not match the block's transactions",
  "transaction 2 is stored at leaf 5",
  "the Merkle root does not match the block's transactions",
  `the stored balance of account ${"ab".repeat(32)} is not what its transactions add up to`,
  "transaction 0: its txId is not the hash of its contents",
  "transaction 1: it was already recorded in an earlier block",
  "transaction 1: it names another chain",
  "transaction 1: its amount is malformed",
  "transaction 1: its accounts are malformed",
  "transaction 1: a mint not made by the node",
  "transaction 1: its type is unknown",
  "transaction 1: its timestamp is malformed",
  "transaction 4: its timestamp is more than 10 minutes from its block's",
  "transaction 1: its memo breaks the memo rules",
  "transaction 7: it appears twice in this block",
  "transaction 1: overdraws its payer",
  "transaction 1: overflows a balance",
];

const say = (locale: "en" | "ko", reason: string) => {
  const wording = auditReasonWording(reason);
  if (wording === null) return null;
  return translatorOf(locale, "explorerActions.audit")(`reasons.${wording.key}`, wording.values);
};

describe("auditReasonWording", () => {
  it.each(reasons)("reads back %s in English word for word", (reason) => {
    expect(say("en", reason)).toBe(reason);
  });

  it.each(reasons)("says %s in Korean with the same figures", (reason) => {
    const korean = say("ko", reason)!;
    expect(korean).not.toBe(reason);
    for (const figure of reason.match(/[0-9a-f]{64}|\d+/g) ?? []) expect(korean).toContain(figure);
  });

  it("knows nothing of a sentence a newer core might write", () => {
    expect(auditReasonWording("the block is haunted")).toBeNull();
    expect(auditReasonWording("transaction 1: it is haunted")).toBeNull();
  });
});
