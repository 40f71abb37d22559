// Exports through the real route handler and a real SQLite file: account statements and block ranges, as CSV
// and as JSON that the offline verifier accepts; then valid exports made invalid, each failure named.
import { beforeAll, describe, expect, it } from "vitest";
import * as accountsRoute from "@/app/api/accounts/[publicKey]/route";
import * as exportRoute from "@/app/api/admin/export/route";
import * as batchRoute from "@/app/api/payments/batch/route";
import * as faucetRoute from "@/app/api/faucet/route";
import * as paymentsRoute from "@/app/api/payments/route";
import type { Receipt, SignedBlock } from "@/lib/ledger/types";
import type { LedgerNode } from "@/lib/server/node/context";
import { getVerifyPool } from "@/lib/crypto/verify-pool";
import { verifyExport, type ExportSource } from "@/lib/verifier/verify-export";
import { adminToken, call, startTestNode, testChainId } from "../support/node";
import { makeWallet, signPayment } from "../support/wallet";

let node: LedgerNode;
const alice = makeWallet();
const bob = makeWallet();
const carol = makeWallet();
// A comma, a quote and a leading "=": what breaks naive CSV, and what a spreadsheet would run as a formula.
const trickyMemo = '=1+2, "hi"';
const admin = { authorization: `Bearer ${adminToken}` };

type ExportDocument = {
  format: string;
  version: number;
  kind: string;
  chainId: string;
  nodePublicKey: string;
  currency: { code: string; decimals: number };
  createdAt: string;
  account?: string;
  balance?: string;
  from?: number;
  to?: number;
  headers: SignedBlock[];
  receipts: Receipt[];
  summary: Record<string, unknown>;
  summarySignature: string;
};

async function download(query: string, headers: Record<string, string> = admin) {
  const request = new Request(`http://localhost/api/admin/export?${query}`, { headers });
  const response = await exportRoute.GET(request, { params: Promise.resolve({}) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function exportJson(query: string): Promise<ExportDocument> {
  const { status, text } = await download(`${query}&format=json`);
  expect(status).toBe(200);
  return JSON.parse(text) as ExportDocument;
}

function verify(source: ExportSource, nodePublicKey = node.nodePublicKey) {
  return verifyExport(source, { nodePublicKey, verifyBatch: (checks) => getVerifyPool().verify(checks) });
}

/** RFC 4180, as a spreadsheet reads it: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let isQuoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (isQuoted) {
      if (character !== '"') field += character;
      else if (text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else isQuoted = false;
    } else if (character === '"') isQuoted = true;
    else if (character === ",") {
      row.push(field);
      field = "";
    } else if (character === "\r" && text[index + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      index += 1;
    } else field += character;
  }
  expect(field).toBe("");
  return rows;
}

function records(text: string): Record<string, string>[] {
  const [columns, ...rows] = parseCsv(text);
  return rows.map((row) => Object.fromEntries(columns!.map((column, index) => [column, row[index]!])));
}

async function balanceOf(account: string): Promise<string> {
  const response = await call(accountsRoute.GET, { params: { publicKey: account } });
  return (response.body as { balance: string }).balance;
}

async function headHeight(): Promise<number> {
  return (await node.store.head())!.header.height;
}

beforeAll(async () => {
  node = await startTestNode("export", { FAUCET_AMOUNT: "100000" });
  for (const wallet of [alice, bob])
    expect((await call(faucetRoute.POST, { body: { account: wallet.publicKey } })).status).toBe(201);
  expect(
    (await call(paymentsRoute.POST, { body: signPayment(alice, bob.publicKey, "1250", { memo: trickyMemo }) })).status,
  ).toBe(201);
  // One batch, sealed together: a block of several transactions, so that proofs have real audit paths.
  const batch = [
    signPayment(alice, carol.publicKey, "100"),
    signPayment(bob, alice.publicKey, "300", { memo: "refund" }),
    signPayment(bob, carol.publicKey, "50"),
    signPayment(alice, bob.publicKey, "7", { memo: "lunch" }),
  ];
  const batchResponse = await call(batchRoute.POST, { body: { payments: batch } });
  expect(
    (batchResponse.body as { results: { created?: boolean }[] }).results.every((result) => result.created === true),
  ).toBe(true);
  expect((await call(paymentsRoute.POST, { body: signPayment(bob, carol.publicKey, "1") })).status).toBe(201);
  expect((await call(paymentsRoute.POST, { body: signPayment(alice, carol.publicKey, "99") })).status).toBe(201);
});

describe("an account statement", () => {
  it("downloads as CSV: a header row, every transaction oldest first with its running balance, exact amounts", async () => {
    const { status, headers, text } = await download(`kind=account&account=${alice.publicKey}&format=csv`);
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(headers.get("content-disposition")).toMatch(
      new RegExp(
        `^attachment; filename="chainpay-${testChainId}-account-${alice.publicKey.slice(0, 16)}-\\d{8}T\\d{6}Z\\.csv"$`,
      ),
    );
    expect(parseCsv(text)[0]).toEqual(
      "blockHeight,blockHash,blockTime,leafIndex,txId,time,type,direction,counterparty,amountMinor,amount,balanceMinor,balance,currency,memo".split(
        ",",
      ),
    );
    // Every text field is quoted, numbers are not.
    expect(text.split("\r\n")[1]).toMatch(/^1,"[0-9a-f]{64}","[^"]+",0,"[0-9a-f]{64}","[^"]+","mint","credit",/);
    const rows = records(text);
    expect(
      rows.map((row) => [row.type, row.direction, row.amountMinor, row.amount, row.balanceMinor, row.balance]),
    ).toEqual([
      ["mint", "credit", "100000", "1000.00", "100000", "1000.00"],
      ["payment", "debit", "1250", "12.50", "98750", "987.50"],
      ["payment", "debit", "100", "1.00", "98650", "986.50"],
      ["payment", "credit", "300", "3.00", "98950", "989.50"],
      ["payment", "debit", "7", "0.07", "98943", "989.43"],
      ["payment", "debit", "99", "0.99", "98844", "988.44"],
    ]);
    expect(rows.at(-1)!.balanceMinor).toBe(await balanceOf(alice.publicKey));
    expect(rows[1]!.counterparty).toBe(bob.publicKey);
    expect(rows[3]!.counterparty).toBe(bob.publicKey);
    for (const row of rows) {
      expect(row.blockHash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.txId).toMatch(/^[0-9a-f]{64}$/);
      expect(new Date(row.time!).toISOString()).toBe(row.time);
      expect(new Date(row.blockTime!).toISOString()).toBe(row.blockTime);
      expect(row.currency).toBe("USD");
    }
    // The mint, the tricky memo, three in the batch's block, and the last payment.
    expect(rows.map((row) => Number(row.blockHeight))).toEqual([1, 3, 4, 4, 4, 6]);
  });

  it("quotes a memo with a comma and quotes, and makes a leading = plain text", async () => {
    const { text } = await download(`kind=account&account=${alice.publicKey}&format=csv`);
    expect(text).toContain(`,"USD","'=1+2, ""hi"""\r\n`);
    expect(records(text)[1]!.memo).toBe(`'${trickyMemo}`);
  });

  it("downloads as JSON that verifies offline: every receipt with its proof, and the headers they refer to", async () => {
    const { headers, text } = await download(`kind=account&account=${alice.publicKey}&format=json`);
    expect(headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(headers.get("content-disposition")).toMatch(
      /^attachment; filename="chainpay-chainpay-test-account-[0-9a-f]{16}-\d{8}T\d{6}Z\.json"$/,
    );
    const document = JSON.parse(text) as ExportDocument;
    expect(document).toMatchObject({
      format: "chainpay-export",
      version: 2,
      kind: "account",
      chainId: testChainId,
      nodePublicKey: node.nodePublicKey,
      currency: { code: "USD", decimals: 2 },
      account: alice.publicKey,
      balance: await balanceOf(alice.publicKey),
    });
    expect(new Date(document.createdAt).toISOString()).toBe(document.createdAt);
    expect(document.receipts).toHaveLength(6);
    const heights = document.receipts.map((receipt) => receipt.block.header.height);
    expect(document.headers.map((block) => block.header.height)).toEqual([...new Set(heights)]);
    expect(document.receipts.some((receipt) => receipt.proof.path.length > 0 && receipt.proof.leafIndex > 0)).toBe(
      true,
    );
    for (const receipt of document.receipts) {
      expect(receipt.block).toEqual(
        document.headers.find((block) => block.header.height === receipt.block.header.height),
      );
    }

    const report = await verify(text);
    expect(report).toEqual({
      ok: true,
      kind: "account",
      chainId: testChainId,
      receipts: 6,
      headers: 4,
      account: alice.publicKey,
      balance: document.balance,
      from: null,
      to: null,
      head: (document.summary as { head: unknown }).head,
      problems: [],
    });
  });

  it("verifies however the file is split into chunks", async () => {
    const text = (await download(`kind=account&account=${alice.publicKey}&format=json`)).text;
    const bytes = new TextEncoder().encode(text);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, index) =>
      bytes.subarray(index * 7, index * 7 + 7),
    );
    expect((await verify(chunks)).ok).toBe(true);
  });

  it("of an account never seen is empty, with balance 0, and verifies", async () => {
    const document = await exportJson(`kind=account&account=${makeWallet().publicKey}`);
    expect(document).toMatchObject({ balance: "0", headers: [], receipts: [] });
    expect((await verify(JSON.stringify(document))).ok).toBe(true);
    const { text } = await download(`kind=account&account=${makeWallet().publicKey}&format=csv`);
    expect(parseCsv(text)).toHaveLength(1);
  });

  it("is read from one snapshot: a payment sealed while it streams is in neither its receipts nor its balance", async () => {
    const request = new Request(
      `http://localhost/api/admin/export?kind=account&account=${carol.publicKey}&format=json`,
      { headers: admin },
    );
    const response = await exportRoute.GET(request, { params: Promise.resolve({}) });
    expect((await call(paymentsRoute.POST, { body: signPayment(alice, carol.publicKey, "5") })).status).toBe(201);
    const document = JSON.parse(await response.text()) as ExportDocument;
    expect(BigInt(document.balance!)).toBe(BigInt(await balanceOf(carol.publicKey)) - 5n);
    expect((await verify(JSON.stringify(document))).ok).toBe(true);
  });
});

describe("a block range", () => {
  it("downloads as CSV: every transaction of every block in the range", async () => {
    const head = await headHeight();
    const { status, headers, text } = await download(`kind=blocks&from=0&to=${head}&format=csv`);
    expect(status).toBe(200);
    expect(headers.get("content-disposition")).toBe(
      `attachment; filename="chainpay-${testChainId}-blocks-0-${head}.csv"`,
    );
    expect(text.split("\r\n")[0]).toBe(
      '"blockHeight","blockHash","blockTime","leafIndex","txId","time","type","from","to","amountMinor","amount","currency","memo"',
    );
    const rows = records(text);
    const transactionCount = (await node.store.blocksFrom(0, head + 1)).reduce(
      (total, block) => total + block.header.txCount,
      0,
    );
    expect(rows).toHaveLength(transactionCount);
    const lunch = rows.find((row) => row.memo === "lunch")!;
    expect(lunch).toMatchObject({
      type: "payment",
      from: alice.publicKey,
      to: bob.publicKey,
      amountMinor: "7",
      amount: "0.07",
    });
  });

  it("downloads as JSON with every block's header and receipts, which verifies offline", async () => {
    const head = await headHeight();
    const document = await exportJson(`kind=blocks&from=1&to=${head}`);
    expect(document).toMatchObject({ kind: "blocks", from: 1, to: head });
    expect(document.headers.map((block) => block.header.height)).toEqual(
      Array.from({ length: head }, (_, index) => index + 1),
    );
    const transactionCount = document.headers.reduce((total, block) => total + block.header.txCount, 0);
    expect(document.receipts).toHaveLength(transactionCount);
    const report = await verify(JSON.stringify(document));
    expect(report).toMatchObject({
      ok: true,
      kind: "blocks",
      receipts: transactionCount,
      headers: head,
      from: 1,
      to: head,
      problems: [],
    });
  });

  it("includes genesis, whose link to nothing is checked too", async () => {
    const document = await exportJson("kind=blocks&from=0&to=0");
    expect(document.headers).toHaveLength(1);
    expect(document.receipts).toEqual([]);
    expect((await verify(JSON.stringify(document))).ok).toBe(true);
  });
});

describe("a JSON export made invalid", () => {
  async function statement() {
    return exportJson(`kind=account&account=${alice.publicKey}`);
  }

  it("fails naming the receipt whose amount was changed", async () => {
    const document = await statement();
    const changed = document.receipts[1]!;
    changed.tx.amount = "1";
    const report = await verify(JSON.stringify(document));
    expect(report.ok).toBe(false);
    expect(report.problems).toContain(
      `receipt 1 (txId ${changed.txId}): fails "The transaction id is the SHA-256 of the transaction"`,
    );
  });

  it("fails when a receipt is dropped from the middle of a statement: the balance no longer adds up", async () => {
    const document = await statement();
    document.receipts.splice(2, 1);
    const report = await verify(JSON.stringify(document));
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      `the receipts add up to a balance of ${BigInt(document.balance!) + 100n}, but the statement says ${document.balance}`,
      `the export lists ${document.receipts.length} receipts, but its signed summary says ${document.receipts.length + 1}: receipts were left out or added`,
      "the receipts' txIds, in the order listed, do not hash to the signed summary's txIdsHash: a receipt was left out, added, changed or moved",
    ]);
  });

  it("fails naming the header whose signature was altered", async () => {
    const document = await statement();
    const header = document.headers[1]!;
    header.signature = (header.signature.startsWith("0") ? "1" : "0") + header.signature.slice(1);
    const report = await verify(JSON.stringify(document));
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toBe(
      `header at height ${header.header.height}: the node's signature over it does not verify against the trusted key`,
    );
  });

  it("fails naming a header whose prevHash does not link to the block before it", async () => {
    const head = await headHeight();
    const document = await exportJson(`kind=blocks&from=0&to=${head}`);
    document.headers[2]!.header.prevHash = "ab".repeat(32);
    const report = await verify(JSON.stringify(document));
    expect(report.problems).toContain("header at height 2: prevHash is not the previous block's hash");
    expect(report.problems).toContain("header at height 2: its hash is not the SHA-256 of the header");
  });

  it("fails when a block of a range is missing a transaction", async () => {
    const head = await headHeight();
    const document = await exportJson(`kind=blocks&from=0&to=${head}`);
    const dropped = document.receipts.findIndex((receipt) => receipt.block.header.txCount > 1);
    const { height, txCount } = document.receipts[dropped]!.block.header;
    document.receipts.splice(dropped, 1);
    const report = await verify(JSON.stringify(document));
    expect(report.problems).toEqual([
      `block ${height}: the export holds ${txCount - 1} of its ${txCount} transactions`,
      `the export lists ${document.receipts.length} receipts, but its signed summary says ${document.receipts.length + 1}: receipts were left out or added`,
      "the receipts' txIds, in the order listed, do not hash to the signed summary's txIdsHash: a receipt was left out, added, changed or moved",
    ]);
  });

  it("fails against another node key, saying so first", async () => {
    const text = (await download(`kind=account&account=${alice.publicKey}&format=json`)).text;
    const foreignKey = makeWallet().publicKey;
    const report = await verify(text, foreignKey);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toBe(
      `the export names node key ${node.nodePublicKey}, not the trusted key ${foreignKey}`,
    );
    expect(report.problems).toContain(
      "header at height 1: the node's signature over it does not verify against the trusted key",
    );
  });

  it("fails when the file is cut short or is not an export at all", async () => {
    const text = (await download(`kind=account&account=${alice.publicKey}&format=json`)).text;
    expect((await verify(text.slice(0, text.length / 2))).problems).toEqual([
      "the file is not a well-formed export: the file ends before the export does",
    ]);
    expect((await verify("[1, 2]")).problems).toEqual([
      "the file is not a well-formed export: it is not a JSON object",
    ]);
    expect((await verify(`{"format": "chainpay-export", "version": 2}`)).ok).toBe(false);
  });
});
