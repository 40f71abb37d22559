// The statement check behind `npm run verify -- --file`: a statement the wallet builds verifies; one edited
// anywhere (an entry's amount, a receipt, the totals), made for another account, with an entry outside its
// range, listing a payment twice, or under another node key, fails, and the failure is named.
import { describe, expect, it } from "vitest";
import type { Statement } from "@/lib/validations/statement";
import { verifyStatement } from "@/lib/verifier/statement/verify-statement";
import { buildStatement } from "@/lib/wallet/statement/statement-document";
import { payment, testChainId } from "../support/keys";
import { alice, aliceReceipts, bob, carol, node, receiptFor } from "./statement-fixture";

const range = { from: "2026-11-25T00:00:00.000Z", to: "2026-11-28T00:00:00.000Z" };
const good = (): Statement =>
  buildStatement({
    account: alice.publicKeyHex,
    chainId: testChainId,
    nodePublicKey: node.publicKeyHex,
    currency: { code: "USD", decimals: 2 },
    range,
    receipts: aliceReceipts(),
    createdAt: "2026-11-28T10:00:00.000Z",
  });

const problemsOf = async (statement: unknown, nodePublicKey?: string) => {
  const report = await verifyStatement(statement, nodePublicKey === undefined ? {} : { nodePublicKey });
  expect(report.ok).toBe(report.problems.length === 0);
  return report.problems;
};

describe("verifyStatement", () => {
  it("passes a statement the wallet built, with the totals its entries add up to", async () => {
    const statement = good();
    expect(statement.totals).toEqual({
      count: 3,
      incoming: "9007199254740998",
      outgoing: "1250",
      net: "9007199254739748",
    });
    const report = await verifyStatement(statement, { nodePublicKey: node.publicKeyHex });
    expect(report).toMatchObject({ ok: true, problems: [] });
    expect(report.statement?.totals.count).toBe(3);
  });

  it("leaves out of the statement what lies outside the range", () => {
    const statement = buildStatement({
      ...good(),
      receipts: aliceReceipts(),
      range: { from: range.from, to: "2026-11-26T00:00:00.000Z" },
    });
    expect(statement.entries.map((entry) => entry.blockHeight)).toEqual([1]);
  });

  it("fails an entry whose amount was changed, though its receipt still verifies", async () => {
    const statement = good();
    statement.entries[1] = { ...statement.entries[1]!, amount: "125" };
    statement.totals = { count: 3, incoming: "9007199254740998", outgoing: "125", net: "9007199254740873" };
    expect(await problemsOf(statement, node.publicKeyHex)).toEqual([
      `entry 1 (${statement.entries[1].txId}): its fields are not what its receipt says`,
    ]);
  });

  it("fails a receipt whose transaction was changed, naming the checks that fail", async () => {
    const statement = good();
    const entry = statement.entries[0]!;
    const tx = { ...entry.receipt.tx, amount: "6" };
    statement.entries[0] = { ...entry, amount: "6", receipt: { ...entry.receipt, tx } };
    statement.totals = { ...statement.totals, incoming: "9007199254740999", net: "9007199254739749" };
    const problems = await problemsOf(statement, node.publicKeyHex);
    expect(problems).toContain(`entry 0 (${entry.txId}): failed: The transaction id is the SHA-256 of the transaction`);
    expect(problems).toContain(`entry 0 (${entry.txId}): failed: The payer signed this payment`);
  });

  it("fails totals that do not add up", async () => {
    const statement = { ...good(), totals: { count: 3, incoming: "9007199254740998", outgoing: "1250", net: "1" } };
    expect(await problemsOf(statement)).toEqual(["the totals' net is 1, but the entries add up to 9007199254739748"]);
  });

  it("fails a statement of the wrong account: another's payment in it", async () => {
    const statement = good();
    const strangers = receiptFor(payment(bob, carol, "7", { timestamp: "2026-11-26T13:00:00.000Z" }), 4);
    statement.entries.push({ ...statement.entries[0]!, txId: strangers.txId, blockHeight: 4, receipt: strangers });
    statement.totals = { ...statement.totals, count: 4, incoming: "9007199254741003", net: "9007199254739753" };
    expect(await problemsOf(statement)).toEqual([`entry 3 (${strangers.txId}): the payment is not the account's`]);
  });

  it("fails a statement relabelled to another account", async () => {
    const problems = await problemsOf({ ...good(), account: bob.publicKeyHex });
    expect(problems).toContain(`entry 1 (${good().entries[1]!.txId}): the payment is not the account's`);
  });

  it("fails an entry outside the range", async () => {
    const statement = { ...good(), range: { from: "2026-11-26T00:00:00.000Z", to: range.to } };
    expect(await problemsOf(statement)).toEqual([
      `entry 2 (${good().entries[2]!.txId}): its time 2026-11-25T08:00:00.000Z is outside the range`,
    ]);
  });

  it("fails a payment listed twice", async () => {
    const statement = good();
    statement.entries.push(statement.entries[0]!);
    statement.totals = { count: 4, incoming: "9007199254741003", outgoing: "1250", net: "9007199254739753" };
    expect(await problemsOf(statement)).toEqual([
      `entry 3 (${statement.entries[0]!.txId}): the payment is listed twice`,
    ]);
  });

  it("fails under another node key than the one given", async () => {
    const problems = await problemsOf(good(), carol.publicKeyHex);
    expect(problems[0]).toBe(
      `the statement names node key ${node.publicKeyHex}, not the key given (${carol.publicKeyHex})`,
    );
    expect(problems).toContain(`entry 0 (${good().entries[0]!.txId}): failed: The node signed the block header`);
  });

  it.each([
    [{ ...good(), version: 2 }, "the statement's version 2 is not 1"],
    [{ ...good(), extra: true }, "the file is not a well-formed statement: "],
    [{ ...good(), range: { from: range.to, to: range.from } }, "the file is not a well-formed statement: range.from"],
  ])("refuses a malformed statement (%#)", async (statement, problem) => {
    const problems = await problemsOf(statement);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.startsWith(problem)).toBe(true);
  });
});
