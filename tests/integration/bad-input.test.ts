// Every bad input the protocol names gets its code, status and field, and leaves the chain where it was.
import { beforeAll, describe, expect, it } from "vitest";
import * as batchRoute from "@/app/api/payments/batch/route";
import * as faucetRoute from "@/app/api/faucet/route";
import * as paymentsRoute from "@/app/api/payments/route";
import * as auditRoute from "@/app/api/admin/audit/route";
import * as blocksRoute from "@/app/api/blocks/route";
import * as blockRoute from "@/app/api/blocks/[heightOrHash]/route";
import * as headersRoute from "@/app/api/headers/route";
import * as accountsRoute from "@/app/api/accounts/[publicKey]/route";
import * as transactionRoute from "@/app/api/transactions/[txId]/route";
import type { SignedBlock } from "@/lib/ledger/types";
import type { LedgerNode } from "@/lib/server/node/context";
import { adminToken, call, startTestNode } from "../support/node";
import { makeWallet, signPayment, signTransaction } from "../support/wallet";

let node: LedgerNode;
const alice = makeWallet();
const bob = makeWallet();
const mallory = makeWallet();

beforeAll(async () => {
  node = await startTestNode("bad-input", { FAUCET_AMOUNT: "1000" });
  expect((await call(faucetRoute.POST, { body: { account: alice.publicKey } })).status).toBe(201);
});

function good() {
  return signPayment(alice, bob.publicKey, "100", { memo: "lunch" });
}

function withTx(change: Record<string, unknown>) {
  const signed = good();
  return { ...signed, tx: { ...signed.tx, ...change } };
}

const minutes = (count: number) => count * 60 * 1000;

type Case = {
  name: string;
  status: number;
  body: unknown;
  request: () => { body?: unknown; rawBody?: string; headers?: Record<string, string> };
};

const invalid = (field: string, message: string) => ({
  error: { code: "invalid_request", message: `${field}: ${message}`, field },
});
const amountMessage = "must be a whole number of minor units written as a string: 1 to 16 digits, no leading zero";

const cases: Case[] = [
  {
    name: "malformed JSON",
    status: 400,
    request: () => ({ rawBody: '{"tx": ' }),
    body: { error: { code: "invalid_json", message: "The body is not valid JSON." } },
  },
  {
    name: "a 20 KiB body",
    status: 413,
    request: () => ({ rawBody: JSON.stringify({ ...good(), padding: "x".repeat(20 * 1024) }) }),
    body: { error: { code: "payload_too_large", message: "The body must be at most 8192 bytes." } },
  },
  {
    name: "a wrong content type",
    status: 415,
    request: () => ({ rawBody: JSON.stringify(good()), headers: { "content-type": "text/plain" } }),
    body: { error: { code: "unsupported_media_type", message: "Send the body as application/json." } },
  },
  {
    name: "an amount as a number",
    status: 400,
    request: () => ({ body: withTx({ amount: 100 }) }),
    body: invalid("tx.amount", "Invalid input: expected string, received number"),
  },
  {
    name: "an amount of 0",
    status: 400,
    request: () => ({ body: withTx({ amount: "0" }) }),
    body: invalid("tx.amount", amountMessage),
  },
  {
    name: "a negative amount",
    status: 400,
    request: () => ({ body: withTx({ amount: "-100" }) }),
    body: invalid("tx.amount", amountMessage),
  },
  {
    name: "a fractional amount",
    status: 400,
    request: () => ({ body: withTx({ amount: "1.5" }) }),
    body: invalid("tx.amount", amountMessage),
  },
  {
    name: "an amount of 17 digits",
    status: 400,
    request: () => ({ body: withTx({ amount: "12345678901234567" }) }),
    body: invalid("tx.amount", amountMessage),
  },
  {
    name: "an amount with a leading zero",
    status: 400,
    request: () => ({ body: withTx({ amount: "0100" }) }),
    body: invalid("tx.amount", amountMessage),
  },
  {
    name: "a memo of 141 characters",
    status: 400,
    request: () => ({ body: withTx({ memo: "m".repeat(141) }) }),
    body: invalid("tx.memo", "memo must be at most 140 characters"),
  },
  {
    name: "a memo with a control character",
    status: 400,
    request: () => ({ body: withTx({ memo: "a\u0007b" }) }),
    body: invalid("tx.memo", "memo must not contain control characters"),
  },
  {
    name: "from equal to to",
    status: 400,
    request: () => ({ body: withTx({ to: alice.publicKey }) }),
    body: invalid("tx.to", "must differ from the payer's account"),
  },
  {
    name: "an unknown field in the transaction",
    status: 400,
    request: () => ({ body: withTx({ fee: "1" }) }),
    body: invalid("tx.fee", "unknown field: only signed fields may be sent"),
  },
  {
    name: "an unknown field beside the transaction",
    status: 400,
    request: () => ({ body: { ...good(), note: "hi" } }),
    body: invalid("note", "unknown field: only signed fields may be sent"),
  },
  {
    name: "a mint sent as a payment",
    status: 400,
    request: () => ({ body: withTx({ type: "mint" }) }),
    body: invalid("tx.type", 'must be "payment"'),
  },
  {
    name: "a weak (small-order) payee key",
    status: 400,
    request: () => ({ body: withTx({ to: `01${"00".repeat(31)}` }) }),
    body: invalid("tx.to", "is a weak key (a point of small order) that anyone could sign for"),
  },
  {
    name: "an uppercase account key",
    status: 400,
    request: () => ({ body: withTx({ to: bob.publicKey.toUpperCase() }) }),
    body: invalid("tx.to", "must be 64 lowercase hexadecimal characters"),
  },
  {
    name: "a missing signature",
    status: 400,
    request: () => ({ body: { tx: good().tx } }),
    body: invalid("signature", "Invalid input: expected string, received undefined"),
  },
  {
    name: "a body that is a list",
    status: 400,
    request: () => ({ body: [good()] }),
    body: { error: { code: "invalid_request", message: "Invalid input: expected object, received array" } },
  },
  {
    name: "a bad signature",
    status: 400,
    request: () => ({ body: { ...good(), signature: "ab".repeat(64) } }),
    body: {
      error: {
        code: "invalid_signature",
        message: "The signature does not verify against the payer's key.",
        field: "signature",
      },
    },
  },
  {
    name: "a foreign signature (another key signed it)",
    status: 400,
    request: () => ({ body: { tx: good().tx, signature: signTransaction(mallory, good().tx).signature } }),
    body: {
      error: {
        code: "invalid_signature",
        message: "The signature does not verify against the payer's key.",
        field: "signature",
      },
    },
  },
  {
    name: "a signature over other contents",
    status: 400,
    request: () => {
      const signed = good();
      return { body: { ...signed, tx: { ...signed.tx, amount: "99" } } };
    },
    body: {
      error: {
        code: "invalid_signature",
        message: "The signature does not verify against the payer's key.",
        field: "signature",
      },
    },
  },
  {
    name: "the wrong chain",
    status: 400,
    request: () => ({ body: signPayment(alice, bob.publicKey, "100", { chainId: "another-chain" }) }),
    body: { error: { code: "wrong_chain", message: "This node's chain is chainpay-test.", field: "tx.chainId" } },
  },
  {
    name: "a timestamp 11 minutes old",
    status: 400,
    request: () => ({
      body: signPayment(alice, bob.publicKey, "100", { timestamp: new Date(Date.now() - minutes(11)).toISOString() }),
    }),
    body: {
      error: {
        code: "stale_timestamp",
        message: "The timestamp is more than 10 minutes from the node's clock.",
        field: "tx.timestamp",
      },
    },
  },
  {
    name: "a timestamp 11 minutes ahead",
    status: 400,
    request: () => ({
      body: signPayment(alice, bob.publicKey, "100", { timestamp: new Date(Date.now() + minutes(11)).toISOString() }),
    }),
    body: {
      error: {
        code: "stale_timestamp",
        message: "The timestamp is more than 10 minutes from the node's clock.",
        field: "tx.timestamp",
      },
    },
  },
  {
    name: "an overdraft",
    status: 409,
    request: () => ({ body: signPayment(alice, bob.publicKey, "1001") }),
    body: {
      error: {
        code: "insufficient_funds",
        message: "The payer's balance does not cover this amount.",
        field: "tx.amount",
      },
    },
  },
];

describe("POST /api/payments refuses bad input and changes nothing", () => {
  it.each(cases)("$name → $status", async ({ request, status, body }) => {
    const headBefore = await node.store.head();
    const response = await call(paymentsRoute.POST, request());
    expect(response.body).toEqual(body);
    expect(response.status).toBe(status);
    expect(await node.store.head()).toEqual(headBefore);
  });

  it("still accepts a good payment afterwards, and the balance shows only it", async () => {
    const response = await call(paymentsRoute.POST, { body: good() });
    expect(response.status).toBe(201);
    const account = await call(accountsRoute.GET, { params: { publicKey: alice.publicKey } });
    expect((account.body as { balance: string }).balance).toBe("900");
  });
});

describe("POST /api/payments/batch", () => {
  it("answers each item as if sent alone, in order", async () => {
    const first = good();
    const response = await call(batchRoute.POST, {
      body: {
        payments: [
          first,
          withTx({ amount: "0" }),
          { ...good(), signature: "ab".repeat(64) },
          first,
          signPayment(alice, bob.publicKey, "5000"),
        ],
      },
    });
    expect(response.status).toBe(200);
    const results = (response.body as { results: Record<string, unknown>[] }).results;
    expect(results).toHaveLength(5);
    expect(results[0]!.created).toBe(true);
    expect(results[1]).toEqual(invalid("tx.amount", amountMessage));
    expect(results[2]).toEqual({
      error: {
        code: "invalid_signature",
        message: "The signature does not verify against the payer's key.",
        field: "signature",
      },
    });
    // The same payment twice in one batch is recorded once: the second is answered with the first's receipt.
    expect(results[3]).toEqual({ created: false, receipt: results[0]!.receipt });
    expect(results[4]).toEqual({
      error: {
        code: "insufficient_funds",
        message: "The payer's balance does not cover this amount.",
        field: "tx.amount",
      },
    });
  });

  it.each([
    { name: "an empty list", body: { payments: [] }, expected: invalid("payments", "must hold at least one payment") },
    {
      name: "1,001 items",
      body: { payments: Array.from({ length: 1001 }, () => ({})) },
      expected: invalid("payments", "must hold at most 1000 payments"),
    },
    {
      name: "no list",
      body: { payment: [] },
      expected: invalid("payments", "Invalid input: expected array, received undefined"),
    },
  ])("refuses $name whole", async ({ body, expected }) => {
    const headBefore = await node.store.head();
    const response = await call(batchRoute.POST, { body });
    expect(response.status).toBe(400);
    expect(response.body).toEqual(expected);
    expect(await node.store.head()).toEqual(headBefore);
  });

  it("refuses a body over 1 MiB", async () => {
    const response = await call(batchRoute.POST, {
      rawBody: JSON.stringify({ payments: [{ pad: "x".repeat(1024 * 1024) }] }),
    });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({
      error: { code: "payload_too_large", message: "The body must be at most 1048576 bytes." },
    });
  });
});

describe("query parameters are validated, never clamped", () => {
  it.each([
    ["limit=0", "limit", "must be at least 1"],
    ["limit=101", "limit", "must be at most 100"],
    ["limit=-1", "limit", "must be a non-negative whole number"],
    ["limit=abc", "limit", "must be a non-negative whole number"],
    ["before=0", "before", "must be at least 1"],
    ["before=99999", "before", "before is past the head of the chain"],
  ])("GET /api/blocks?%s is refused", async (query, field, message) => {
    const response = await call(blocksRoute.GET, { path: `/api/blocks?${query}` });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: {
        code: "invalid_request",
        message: message.startsWith("before is") ? message : `${field}: ${message}`,
        field,
      },
    });
  });

  it("refuses a headers page over 1000 and an account cursor that is not one", async () => {
    const headers = await call(headersRoute.GET, { path: "/api/headers?from=0&limit=1001" });
    expect(headers.body).toEqual(invalid("limit", "must be at most 1000"));
    const account = await call(accountsRoute.GET, {
      path: "/api/accounts/x?before=abc",
      params: { publicKey: bob.publicKey },
    });
    expect(account.body).toEqual({
      error: { code: "invalid_request", message: "before must be the nextBefore of a previous page", field: "before" },
    });
  });

  it("refuses malformed ids in paths", async () => {
    expect((await call(blockRoute.GET, { params: { heightOrHash: "abc" } })).body).toEqual({
      error: {
        code: "invalid_request",
        message: "must be a block height or a 64-character block hash",
        field: "heightOrHash",
      },
    });
    expect((await call(transactionRoute.GET, { params: { txId: "xyz" } })).body).toEqual(
      invalid("txId", "must be 64 lowercase hexadecimal characters"),
    );
    expect((await call(accountsRoute.GET, { params: { publicKey: "xyz" } })).status).toBe(400);
  });

  it("pages through blocks with limit=1 until nextBefore is null", async () => {
    const heights: number[] = [];
    let before: number | null = null;
    do {
      const response = await call(blocksRoute.GET, {
        path: `/api/blocks?limit=1${before === null ? "" : `&before=${before}`}`,
      });
      const body = response.body as { blocks: SignedBlock[]; nextBefore: number | null };
      heights.push(...body.blocks.map((block) => block.header.height));
      before = body.nextBefore;
    } while (before !== null);
    expect(heights).toEqual(Array.from({ length: heights.length }, (_, index) => heights.length - 1 - index));
  });
});

describe("admin calls", () => {
  it.each([
    ["no token", {}],
    ["a wrong token", { authorization: "Bearer wrong-token-wrong-token" }],
    ["a malformed header", { authorization: "Basic abc" }],
  ])("refuse %s with 401", async (_name, headers) => {
    const response = await call(auditRoute.GET, { headers });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      error: { code: "unauthorized", message: "This call needs an admin's token or session." },
    });
  });

  it("answer the admin token with the audit", async () => {
    const response = await call(auditRoute.GET, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ ok: true, firstBad: null });
  });
});

describe("the faucet", () => {
  it("refuses a malformed account", async () => {
    const response = await call(faucetRoute.POST, { body: { account: "nope" } });
    expect(response.body).toEqual(invalid("account", "must be 64 lowercase hexadecimal characters"));
  });
});
