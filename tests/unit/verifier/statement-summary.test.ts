// The signed summary of an export, byte for byte: the signed bytes are the context line and the summary's RFC 8785
// canonical JSON, txIdsHash is SHA-256 over the raw txIds in order, and the summary's checks name each way a
// document can disagree with what the node signed (a hand-signed summary, no node or database).
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWithNodeCrypto } from "@/lib/crypto/ed25519";
import type { ExportSummary } from "@/lib/validations/export";
import { exportSummaryBytes, exportSummaryContext, TxIdDigest } from "@/lib/verifier/export/statement-summary";
import { summaryProblems, type SummaryEvidence } from "@/lib/verifier/export/summary-checks";
import { namedKey, verifyBatchSync } from "../support/keys";

const node = namedKey("summary node");
const txIdA = "aa".repeat(32);
const txIdB = "0b".repeat(32);

const summary: ExportSummary = {
  kind: "account",
  chainId: "chainpay-test",
  nodePublicKey: node.publicKeyHex,
  currency: { code: "USD", decimals: 2 },
  createdAt: "2026-11-25T22:00:00.000Z",
  head: { height: 7, hash: "cd".repeat(32) },
  from: 0,
  to: 7,
  account: "ef".repeat(32),
  balance: "1250",
  count: 2,
  txIdsHash: createHash("sha256")
    .update(Buffer.from(txIdA + txIdB, "hex"))
    .digest("hex"),
};

function evidenceOf(fields: Record<string, unknown>, overrides: Partial<SummaryEvidence> = {}): SummaryEvidence {
  const { kind, chainId, nodePublicKey, currency, createdAt, account, balance } = summary;
  return {
    // A field given as undefined is one the file lacks.
    fields: new Map(
      Object.entries({
        kind,
        chainId,
        nodePublicKey,
        currency,
        createdAt,
        account,
        balance,
        summary,
        summarySignature: signWithNodeCrypto(node.privateKey, exportSummaryBytes(summary)),
        ...fields,
      }).filter(([, value]) => value !== undefined),
    ),
    trustedKey: node.publicKeyHex,
    receiptCount: 2,
    txIdsHash: summary.txIdsHash,
    headersByHeight: new Map(),
    ...overrides,
  };
}

describe("the summary's signed bytes", () => {
  it("are the context line, then the canonical JSON of the summary", () => {
    expect(exportSummaryContext).toBe("chainpay-export-summary/v1\n");
    const text = new TextDecoder().decode(exportSummaryBytes(summary));
    expect(text).toBe(
      "chainpay-export-summary/v1\n" +
        `{"account":"${"ef".repeat(32)}","balance":"1250","chainId":"chainpay-test","count":2,"createdAt":"2026-11-25T22:00:00.000Z",` +
        `"currency":{"code":"USD","decimals":2},"from":0,"head":{"hash":"${"cd".repeat(32)}","height":7},"kind":"account",` +
        `"nodePublicKey":"${node.publicKeyHex}","to":7,"txIdsHash":"${summary.txIdsHash}"}`,
    );
  });

  it("hash the txIds as raw bytes in order, and nothing as SHA-256 of nothing", () => {
    const digest = new TxIdDigest();
    digest.add(txIdA);
    digest.add(txIdB);
    expect(digest.count).toBe(2);
    expect(digest.hex()).toBe(summary.txIdsHash);
    const reversed = new TxIdDigest();
    reversed.add(txIdB);
    reversed.add(txIdA);
    expect(reversed.hex()).not.toBe(summary.txIdsHash);
    expect(new TxIdDigest().hex()).toBe(createHash("sha256").digest("hex"));
  });
});

describe("the summary's checks", () => {
  it("pass when the document says what the node signed, and lists what it counted and hashed", async () => {
    expect(await summaryProblems(evidenceOf({}), verifyBatchSync)).toEqual([]);
  });

  it.each([
    ["a raised balance", { balance: "9999" }, [`the export's balance is "9999", but its signed summary says "1250"`]],
    [
      "another account",
      { account: "12".repeat(32) },
      [`the export's account is "${"12".repeat(32)}", but its signed summary says "${"ef".repeat(32)}"`],
    ],
    [
      "a missing createdAt",
      { createdAt: undefined },
      [`the export's createdAt is missing, but its signed summary says "2026-11-25T22:00:00.000Z"`],
    ],
    [
      "another currency",
      { currency: { code: "JPY", decimals: 0 } },
      [`the export's currency is {"code":"JPY","decimals":0}, but its signed summary says {"code":"USD","decimals":2}`],
    ],
  ])("name %s", async (_name, fields, problems) => {
    expect(await summaryProblems(evidenceOf(fields), verifyBatchSync)).toEqual(problems);
  });

  it("name a receipt left out, and receipts out of order", async () => {
    expect(
      await summaryProblems(evidenceOf({}, { receiptCount: 1, txIdsHash: "00".repeat(32) }), verifyBatchSync),
    ).toEqual([
      "the export lists 1 receipts, but its signed summary says 2: receipts were left out or added",
      "the receipts' txIds, in the order listed, do not hash to the signed summary's txIdsHash: a receipt was left out, added, changed or moved",
    ]);
  });

  it("refuse a summary changed after signing, or signed by another key, and say nothing else of it", async () => {
    const changed = { ...summary, balance: "9999" };
    const notSigned = [
      "the summary's signature does not verify against the trusted key: the summary was changed, or another key signed it",
    ];
    expect(await summaryProblems(evidenceOf({ summary: changed, balance: "9999" }), verifyBatchSync)).toEqual(
      notSigned,
    );
    const forger = namedKey("forger");
    const forged = signWithNodeCrypto(forger.privateKey, exportSummaryBytes(summary));
    expect(await summaryProblems(evidenceOf({ summarySignature: forged }), verifyBatchSync)).toEqual(notSigned);
  });

  it("refuse a statement whose summary does not cover the whole history", async () => {
    const partial = { ...summary, from: 3 };
    const signature = signWithNodeCrypto(node.privateKey, exportSummaryBytes(partial));
    expect(
      await summaryProblems(evidenceOf({ summary: partial, summarySignature: signature }), verifyBatchSync),
    ).toEqual(["the signed summary covers blocks 3 to 7, not the account's whole history (0 to the head, 7)"]);
  });

  it("refuse a file without a summary, or with a malformed one", async () => {
    expect(await summaryProblems(evidenceOf({ summary: undefined }), verifyBatchSync)).toEqual([
      "the export has no signed summary (summary, summarySignature): nothing shows that no receipt is missing",
    ]);
    const [problem] = await summaryProblems(evidenceOf({ summary: { ...summary, extra: 1 } }), verifyBatchSync);
    expect(problem).toMatch(/^the export's summary is malformed: /);
  });
});
