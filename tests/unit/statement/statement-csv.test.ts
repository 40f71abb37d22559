// The statement's CSV: a header and one row per payment, amounts as exact decimal strings in major units (past
// what a float holds), text quoted per RFC 4180, and no cell a spreadsheet would run as a formula (OWASP).
import { describe, expect, it } from "vitest";
import { buildStatement } from "@/lib/wallet/statement/statement-document";
import { exactMajorUnits, statementCsv } from "@/lib/wallet/statement/statement-csv";
import { testChainId } from "../support/keys";
import { alice, aliceReceipts, bob, carol, node } from "./statement-fixture";

const range = { from: "2026-11-25T00:00:00.000Z", to: "2026-11-28T00:00:00.000Z" };
const statementOf = (decimals: number) =>
  buildStatement({
    account: alice.publicKeyHex,
    chainId: testChainId,
    nodePublicKey: node.publicKeyHex,
    currency: { code: decimals === 0 ? "KRW" : "USD", decimals },
    range,
    receipts: aliceReceipts(),
    createdAt: "2026-11-28T10:00:00.000Z",
  });

describe("exactMajorUnits", () => {
  it.each([
    ["1250", 2, "12.50"],
    ["5", 2, "0.05"],
    ["9007199254740993", 2, "90071992547409.93"],
    ["9007199254740993", 0, "9007199254740993"],
    ["1", 9, "0.000000001"],
  ])("%s minor units at %i decimals is %s", (minor, decimals, major) => {
    expect(exactMajorUnits(minor, decimals)).toBe(major);
  });
});

describe("statementCsv", () => {
  it("writes a BOM, the header and one CRLF row per payment, newest first, with the exact amounts", () => {
    const csv = statementCsv(statementOf(2));
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines.at(-1)).toBe("");
    expect(lines.slice(0, -1)).toEqual([
      '"time","direction","counterparty","amount","currency","memo","txId","blockHeight"',
      `"2026-11-27T09:00:00.000Z","in","${bob.publicKeyHex}",0.05,"USD","","${aliceReceipts()[0]!.txId}",3`,
      `"2026-11-26T12:00:00.000Z","out","${carol.publicKeyHex}",12.50,"USD","'=HYPERLINK(""x""), ""hi""","${aliceReceipts()[1]!.txId}",2`,
      `"2026-11-25T08:00:00.000Z","in","${bob.publicKeyHex}",90071992547409.93,"USD","","${aliceReceipts()[2]!.txId}",1`,
    ]);
  });

  it("writes a 0-decimal currency's amounts as whole numbers", () => {
    const amounts = statementCsv(statementOf(0))
      .split("\r\n")
      .slice(1, -1)
      .map((line) => line.split(",")[3]);
    expect(amounts).toEqual(["5", "1250", "9007199254740993"]);
  });

  it.each([
    ["=1+1", `"'=1+1"`],
    ["+1", `"'+1"`],
    ["-1", `"'-1"`],
    ["@SUM(A1)", `"'@SUM(A1)"`],
    ["\tx", `"'\tx"`],
    ["\rx", `"'\rx"`],
    ["a;=cmd", `"a;'=cmd"`],
    ['"=no"', `"""'=no"""`],
    ["coffee -2", `"coffee -2"`],
  ])("writes the memo %j as the cell %s", (memo, cell) => {
    const statement = statementOf(2);
    const entry = { ...statement.entries[0]!, memo };
    const csv = statementCsv({ ...statement, entries: [entry] });
    expect(csv).toContain(`,"USD",${cell},"${entry.txId}",3\r\n`);
  });
});
