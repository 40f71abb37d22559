// The wallet's pure code names its sentences by message key; each key must have its text, and the English text
// must say what the code's own English says (the backup checks keep their English for logs and errors).
import { describe, expect, it } from "vitest";
import { errorStatusByCode, type ErrorCode } from "@/lib/ledger/errors";
import { backupProblemOf, backupSentences } from "@/lib/wallet/backup-problems";
import { linkProblemMessage } from "@/lib/wallet/link-problem";
import { describePaymentError, messageFor } from "@/lib/wallet/messages";
import { english } from "../support/english";

describe("backup refusals", () => {
  it.each(backupSentences)("%s", (sentence) => {
    expect(english(backupProblemOf(sentence))).toBe(sentence);
  });

  it("names the unknown fields of a backup", () => {
    const sentence = "This backup has fields a chainpay backup never has: memoryCost, extra.";
    expect(english(backupProblemOf(sentence))).toBe(sentence);
  });
});

describe("the node's refusals", () => {
  it.each(Object.keys(errorStatusByCode) as ErrorCode[])("%s has a sentence", (code) => {
    expect(english(messageFor(code))).toMatch(/\.$/);
  });

  it.each([
    ["tx.to", "recipient", "The node refused this payee key."],
    ["tx.amount", "amount", "The node refused this amount."],
    ["tx.memo", "memo", "The node refused this memo."],
  ] as const)("puts a refusal of %s beside the %s field, in the reader's words", (path, field, sentence) => {
    // The node's message is English: it is not what the reader is shown.
    const described = describePaymentError({ code: "invalid_request", message: `${path}: not allowed`, field: path });
    expect(described.field).toBe(field);
    expect(english(described.message)).toBe(sentence);
  });

  it("says a refusal of a field the form does not show as a malformed payment", () => {
    const described = describePaymentError({
      code: "invalid_request",
      message: "tx.timestamp: bad",
      field: "tx.timestamp",
    });
    expect(described.field).toBe("form");
    expect(english(described.message)).toBe(english(messageFor("invalid_request")));
  });

  it("puts insufficient funds beside the amount", () => {
    const described = describePaymentError({ code: "insufficient_funds", message: "x" });
    expect(described.field).toBe("amount");
    expect(english(described.message)).toBe("Your balance does not cover this amount.");
  });
});

describe("a chain that does not link", () => {
  it.each([
    "the first block is not at height 0",
    "genesis prevHash is not 64 zeros",
    "height 9 does not follow 7",
    "prevHash is not the previous block's hash",
  ])("%s: the core's sentence, read back into the catalogue's", (sentence) => {
    expect(english(linkProblemMessage(sentence))).toBe(sentence);
  });

  it("says a sentence it does not know in general words, still an alarm", () => {
    expect(english(linkProblemMessage("a newer core's reason"))).toBe("it does not link to the block before it");
  });
});
