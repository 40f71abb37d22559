// The wallet's pure code names its sentences by message key; each key must have its text, and the English text
// must say what the code's own English says (the backup checks keep their English for logs and errors).
import { describe, expect, it } from "vitest";
import { errorStatusByCode, type ErrorCode } from "@/lib/ledger/errors";
import { backupProblemOf, backupSentences } from "@/lib/wallet/backup-problems";
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

  it("puts a malformed field's refusal beside the field, in the node's words", () => {
    const described = describePaymentError({
      code: "invalid_request",
      message: "tx.memo: memo must be at most 140 characters",
      field: "tx.memo",
    });
    expect(described.field).toBe("memo");
    expect(english(described.message)).toBe("The node refused this value: memo must be at most 140 characters.");
  });

  it("puts insufficient funds beside the amount", () => {
    const described = describePaymentError({ code: "insufficient_funds", message: "x" });
    expect(described.field).toBe("amount");
    expect(english(described.message)).toBe("Your balance does not cover this amount.");
  });
});
