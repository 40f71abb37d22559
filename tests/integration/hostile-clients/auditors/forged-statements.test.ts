// A statement cannot be forged: the node signs each JSON export's summary (head, range, balance, count and a hash
// over the txIds listed, in order), and `npm run verify -- --file` holds the file to it. A genuine statement
// verifies (exit 0); each forgery fails with a message naming it, and the command exits 1: debits deleted and
// the balance raised to match, the summary's balance or count changed, receipts reordered, the summary's
// signature changed, a statement signed by another node key, and a block range cut short.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as exportRoute from "@/app/api/admin/export/route";
import * as batchRoute from "@/app/api/payments/batch/route";
import * as faucetRoute from "@/app/api/faucet/route";
import * as paymentsRoute from "@/app/api/payments/route";
import { signWithNodeCrypto } from "@/lib/crypto/ed25519";
import { getVerifyPool } from "@/lib/crypto/verify-pool";
import { balanceChangeOf } from "@/lib/ledger/balances";
import type { Receipt, SignedBlock } from "@/lib/ledger/types";
import { exportLedger } from "@/lib/server/export/export-ledger";
import type { LedgerNode } from "@/lib/server/node/context";
import type { ExportSummary } from "@/lib/validations/export";
import { exportSummaryBytes } from "@/lib/verifier/export/statement-summary";
import { verifyExport } from "@/lib/verifier/verify-export";
import { adminToken, call, makeDataDir, startTestNode } from "../../../support/node";
import { runScript } from "../../../support/server";
import { makeWallet, signPayment } from "../../../support/wallet";

type Statement = Record<string, unknown> & {
  balance?: string;
  from?: number;
  to?: number;
  headers: SignedBlock[];
  receipts: Receipt[];
  summary: ExportSummary;
  summarySignature: string;
};

let node: LedgerNode;
const alice = makeWallet();
const bob = makeWallet();
const admin = { authorization: `Bearer ${adminToken}` };
const fileDir = makeDataDir("forged-statements-files");

async function exportJson(query: string): Promise<Statement> {
  const request = new Request(`http://localhost/api/admin/export?${query}&format=json`, { headers: admin });
  const response = await exportRoute.GET(request, { params: Promise.resolve({}) });
  expect(response.status).toBe(200);
  return JSON.parse(await response.text()) as Statement;
}

const statement = () => exportJson(`kind=account&account=${alice.publicKey}`);

async function problemsOf(document: unknown, nodePublicKey = node.nodePublicKey): Promise<string[]> {
  const report = await verifyExport(JSON.stringify(document), {
    nodePublicKey,
    verifyBatch: (checks) => getVerifyPool().verify(checks),
  });
  expect(report.ok).toBe(report.problems.length === 0);
  return report.problems;
}

let fileCount = 0;

/** `npm run verify -- --file`, on the document written to a file, against the node's key. */
async function verifyCommand(document: unknown) {
  const file = path.join(fileDir, `statement-${fileCount++}.json`);
  writeFileSync(file, JSON.stringify(document));
  return runScript("verify.ts", ["--file", file, "--node-key", node.nodePublicKey]);
}

const isDebit = (receipt: Receipt) => balanceChangeOf(alice.publicKey, receipt.tx) < 0n;

const summaryNotSigned =
  "the summary's signature does not verify against the trusted key: the summary was changed, or another key signed it";
const countProblem = (listed: number, signed: number) =>
  `the export lists ${listed} receipts, but its signed summary says ${signed}: receipts were left out or added`;
const hashProblem =
  "the receipts' txIds, in the order listed, do not hash to the signed summary's txIdsHash: a receipt was left out, added, changed or moved";

beforeAll(async () => {
  node = await startTestNode("forged-statements", { FAUCET_AMOUNT: "100000" });
  expect((await call(faucetRoute.POST, { body: { account: alice.publicKey } })).status).toBe(201);
  expect((await call(faucetRoute.POST, { body: { account: bob.publicKey } })).status).toBe(201);
  const payments = [
    signPayment(alice, bob.publicKey, "2500", { memo: "rent" }),
    signPayment(bob, alice.publicKey, "300"),
    signPayment(alice, bob.publicKey, "700"),
  ];
  expect((await call(batchRoute.POST, { body: { payments } })).status).toBe(200);
  expect((await call(paymentsRoute.POST, { body: signPayment(alice, bob.publicKey, "1000") })).status).toBe(201);
});

describe("a genuine statement", () => {
  it("carries a summary signed by the node, and verifies: exit 0", async () => {
    const document = await statement();
    const head = (await node.store.head())!;
    expect(document.summary).toEqual({
      kind: "account",
      chainId: document.chainId,
      nodePublicKey: node.nodePublicKey,
      currency: { code: "USD", decimals: 2 },
      createdAt: document.createdAt,
      head: { height: head.header.height, hash: head.hash },
      from: 0,
      to: head.header.height,
      account: alice.publicKey,
      balance: "96100",
      count: 5,
      txIdsHash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown,
    });
    expect(document.summarySignature).toMatch(/^[0-9a-f]{128}$/);
    expect(await problemsOf(document)).toEqual([]);
    const run = await verifyCommand(document);
    expect(run.output).toContain(`OK: export of 5 receipts`);
    expect(run.output).toContain(`signed at head ${head.header.height} (${head.hash})`);
    expect(run.code).toBe(0);
  });
});

describe("a forged statement fails, naming the forgery, and the command exits 1", () => {
  it("debits deleted and the balance raised to what the credits add up to", async () => {
    const document = await statement();
    const credits = document.receipts.filter((receipt) => !isDebit(receipt));
    const raised = credits.reduce((total, receipt) => total + balanceChangeOf(alice.publicKey, receipt.tx), 0n);
    const signedBalance = document.summary.balance;
    document.receipts = credits;
    document.headers = document.headers.filter((block) => credits.some((receipt) => receipt.block.hash === block.hash));
    document.balance = raised.toString();
    expect(await problemsOf(document)).toEqual([
      `the export's balance is "${raised}", but its signed summary says "${signedBalance}"`,
      countProblem(credits.length, 5),
      hashProblem,
    ]);
    const run = await verifyCommand(document);
    expect(run.output).toContain(`FAILED: the export's balance is "${raised}", but its signed summary says`);
    expect(run.code).toBe(1);
  });

  it("the summary's balance and count changed to match the forgery", async () => {
    const document = await statement();
    document.receipts = document.receipts.filter((receipt) => !isDebit(receipt));
    document.balance = "100300";
    document.summary.balance = "100300";
    document.summary.count = document.receipts.length;
    expect(await problemsOf(document)).toEqual([summaryNotSigned]);
    expect((await verifyCommand(document)).code).toBe(1);
  });

  it("only the count changed", async () => {
    const document = await statement();
    document.summary.count += 1;
    expect(await problemsOf(document)).toEqual([summaryNotSigned]);
  });

  it("receipts reordered", async () => {
    const document = await statement();
    const [first, second] = [document.receipts[1]!, document.receipts[2]!];
    document.receipts[1] = second;
    document.receipts[2] = first;
    const problems = await problemsOf(document);
    expect(problems).toContain(hashProblem);
    expect(problems.some((problem) => problem.includes("receipts must be in chain order"))).toBe(true);
    expect((await verifyCommand(document)).code).toBe(1);
  });

  it("the summary's signature changed", async () => {
    const document = await statement();
    const signature = document.summarySignature;
    document.summarySignature = (signature.startsWith("0") ? "1" : "0") + signature.slice(1);
    expect(await problemsOf(document)).toEqual([summaryNotSigned]);
    expect((await verifyCommand(document)).code).toBe(1);
  });

  it("no summary at all, as a version 1 file had", async () => {
    const document = await statement();
    delete (document as Partial<Statement>).summary;
    delete (document as Partial<Statement>).summarySignature;
    expect(await problemsOf(document)).toEqual([
      "the export has no signed summary (summary, summarySignature): nothing shows that no receipt is missing",
    ]);
  });

  it("a summary re-signed by another key, which the file then names", async () => {
    const document = await statement();
    const forger = makeWallet();
    document.receipts = document.receipts.filter((receipt) => !isDebit(receipt));
    document.summary = { ...document.summary, nodePublicKey: forger.publicKey, count: document.receipts.length };
    document.summarySignature = signWithNodeCrypto(forger.privateKey, exportSummaryBytes(document.summary));
    document.nodePublicKey = forger.publicKey;
    const problems = await problemsOf(document);
    expect(problems[0]).toBe(
      `the export names node key ${forger.publicKey}, not the trusted key ${node.nodePublicKey}`,
    );
    expect(problems).toContain(summaryNotSigned);
    expect((await verifyCommand(document)).code).toBe(1);
  });

  it("a block range whose stated range was cut short: the summary still says from and to", async () => {
    const head = (await node.store.head())!.header.height;
    const document = await exportJson(`kind=blocks&from=0&to=${head}`);
    const count = document.headers.reduce((total, block) => total + block.header.txCount, 0);
    expect(document.summary).toMatchObject({ kind: "blocks", from: 0, to: head, count });
    expect(await problemsOf(document)).toEqual([]);
    const lastHeight = document.headers.at(-1)!.header.height;
    const lastCount = document.headers.at(-1)!.header.txCount;
    document.headers.pop();
    document.receipts = document.receipts.filter((receipt) => receipt.block.header.height !== lastHeight);
    document.to = lastHeight - 1;
    const problems = await problemsOf(document);
    expect(problems).toContain(`the export's to is ${lastHeight - 1}, but its signed summary says ${head}`);
    expect(problems).toContain(countProblem(count - lastCount, count));
  });
});

describe("a follower", () => {
  it("holds no node key, so it refuses a JSON export, naming the node to ask, and still gives the CSV", async () => {
    const follower: LedgerNode = {
      ...node,
      writer: null,
      config: { ...node.config, followUrl: "https://node.example" },
    };
    const query = { kind: "account", account: alice.publicKey } as const;
    await expect(exportLedger(follower, { ...query, format: "json" })).rejects.toMatchObject({
      code: "not_found",
      message:
        "This node is a read-only follower of https://node.example: it has no node key to sign a JSON export with. " +
        "Export the JSON from that node (the CSV is served here).",
    });
    const csv = await exportLedger(follower, { ...query, format: "csv" });
    expect((await new Response(csv.body).text()).split("\r\n")).toHaveLength(5 + 2);
  });
});

describe("a statement of another node", () => {
  it("fails against this node's key: its summary is another key's", async () => {
    const document = await statement();
    const ours = node.nodePublicKey;
    node = await startTestNode("forged-statements-other", { FAUCET_AMOUNT: "100000" });
    expect((await call(faucetRoute.POST, { body: { account: alice.publicKey } })).status).toBe(201);
    const theirs = await statement();
    const problems = await problemsOf(theirs, ours);
    expect(problems[0]).toBe(`the export names node key ${node.nodePublicKey}, not the trusted key ${ours}`);
    expect(problems).toContain(summaryNotSigned);
    expect(await problemsOf(document, ours)).toEqual([]);
  });
});
