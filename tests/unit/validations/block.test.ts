// The one set of block and receipt schemas (lib/validations/block.ts) that the node API client and the offline
// export verifier both read with: the protocol's shapes parse, and each limit refuses valid data made invalid,
// naming the field at fault.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { hexToBytes } from "@/lib/ledger/hex";
import { auditPathHashesMax, blockTransactionsMax } from "@/lib/ledger/limits";
import { inclusionPath } from "@/lib/ledger/merkle";
import { buildReceipt } from "@/lib/ledger/receipt";
import {
  blockHeaderSchema,
  blockWithTransactionsSchema,
  receiptSchema,
  signedBlockSchema,
} from "@/lib/validations/block";
import { currencySchema, nodeInfoSchema } from "@/lib/validations/node";
import { buildChain } from "../support/chain";
import { mint, namedKey, payment } from "../support/keys";

const node = namedKey("node");
const alice = namedKey("alice");
const bob = namedKey("bob");

const transactions = [
  mint(node, alice, "1000"),
  payment(alice, bob, "250", { memo: "rent" }),
  payment(bob, alice, "1"),
];
const [genesis, sealed] = buildChain(node, [{ transactions }]);
const block = sealed!.block;
const txIds = sealed!.transactions.map((entry) => entry.txId);
const receipt = buildReceipt({
  txId: txIds[1]!,
  signed: transactions[1]!,
  block,
  leafIndex: 1,
  path: inclusionPath(txIds.map(hexToBytes), 1),
  nodePublicKey: node.publicKeyHex,
});
const blockBody = { block, transactions: sealed!.transactions };

/** The dotted path of the first issue, or null when `value` parses. */
function faultOf(schema: z.ZodType, value: unknown): string | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.map(String);
  if (issue.code === "unrecognized_keys") path.push(...issue.keys);
  return path.join(".");
}

/** A copy of `value` with the member at `path` (dotted) set to `replacement`, or deleted when it is undefined. */
function withChange(value: unknown, path: string, replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  const keys = path.split(".");
  let target = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  if (replacement === undefined) delete target[keys.at(-1)!];
  else target[keys.at(-1)!] = replacement;
  return copy;
}

describe("valid data parses, unchanged", () => {
  it.each([
    { name: "genesis", schema: signedBlockSchema, value: genesis!.block },
    { name: "a block of three transactions", schema: signedBlockSchema, value: block },
    { name: "its header", schema: blockHeaderSchema, value: block.header },
    { name: "a receipt", schema: receiptSchema, value: receipt },
    { name: "GET /api/blocks/{height}", schema: blockWithTransactionsSchema, value: blockBody },
  ])("$name", ({ schema, value }) => {
    expect((schema as z.ZodType).parse(value)).toEqual(value);
  });
});

describe("a signed block made invalid is refused at the field at fault", () => {
  it.each([
    { path: "header.txCount", replacement: blockTransactionsMax + 1 },
    { path: "header.txCount", replacement: -1 },
    // The node API client once took any string here; the protocol's times have milliseconds and a Z.
    { path: "header.timestamp", replacement: "2026-11-25T22:00:00Z" },
    { path: "header.timestamp", replacement: "2026-02-30T22:00:00.000Z" },
    { path: "header.height", replacement: 1.5 },
    { path: "header.height", replacement: -1 },
    { path: "header.height", replacement: Number.MAX_SAFE_INTEGER + 1 },
    { path: "header.version", replacement: "1" },
    { path: "header.chainId", replacement: "" },
    { path: "header.prevHash", replacement: block.header.prevHash.toUpperCase() },
    { path: "header.merkleRoot", replacement: undefined },
    { path: "header.extra", replacement: 1 },
    { path: "hash", replacement: block.hash.slice(1) },
    { path: "signature", replacement: `${block.signature.slice(2)}zz` },
    { path: "extra", replacement: "anything not signed must not travel beside what is" },
  ])("$path = $replacement", ({ path, replacement }) => {
    expect(faultOf(signedBlockSchema, withChange(block, path, replacement))).toBe(path);
  });

  it("takes a block of exactly blockTransactionsMax transactions", () => {
    expect(faultOf(signedBlockSchema, withChange(block, "header.txCount", blockTransactionsMax))).toBeNull();
  });
});

describe("a receipt made invalid is refused at the field at fault", () => {
  it.each([
    { path: "proof.leafIndex", replacement: blockTransactionsMax },
    { path: "proof.leafIndex", replacement: -1 },
    { path: "proof.treeSize", replacement: 0 },
    { path: "proof.treeSize", replacement: blockTransactionsMax + 1 },
    { path: "proof.path", replacement: Array.from({ length: auditPathHashesMax + 1 }, () => receipt.txId) },
    { path: "proof.extra", replacement: [] },
    { path: "tx.amount", replacement: "0" },
    { path: "tx.to", replacement: `01${"00".repeat(31)}` },
    { path: "tx.extra", replacement: "unsigned" },
    { path: "block.header.timestamp", replacement: "yesterday" },
    { path: "nodePublicKey", replacement: "00" },
    { path: "txId", replacement: undefined },
  ])("$path = $replacement", ({ path, replacement }) => {
    expect(faultOf(receiptSchema, withChange(receipt, path, replacement))).toBe(path);
  });

  it("takes an audit path of auditPathHashesMax hashes, the most a block's tree needs", () => {
    const path = Array.from({ length: auditPathHashesMax }, () => receipt.txId);
    expect(faultOf(receiptSchema, withChange(receipt, "proof.path", path))).toBeNull();
  });
});

describe("GET /api/blocks/{height} as the node API client reads it", () => {
  it.each([
    { name: "a transaction with a leaf index past the block", path: "transactions.0.leafIndex", value: 1000 },
    { name: "a transaction with an unknown field", path: "transactions.2.extra", value: true },
    { name: "a transaction without its signature", path: "transactions.1.signature", value: undefined },
  ])("refuses $name", ({ path, value }) => {
    expect(faultOf(blockWithTransactionsSchema, withChange(blockBody, path, value))).toBe(path);
  });

  it("refuses more than blockTransactionsMax transactions", () => {
    const tooMany = {
      block,
      transactions: Array.from({ length: blockTransactionsMax + 1 }, () => blockBody.transactions[0]),
    };
    expect(faultOf(blockWithTransactionsSchema, tooMany)).toBe("transactions");
  });

  it("lets the envelope grow, as a later protocol version may: only what is signed is strict", () => {
    expect(faultOf(blockWithTransactionsSchema, { ...blockBody, nextHeight: 2 })).toBeNull();
  });
});

describe("GET /api/node as a verifier reads it", () => {
  const info = {
    chainId: block.header.chainId,
    nodePublicKey: node.publicKeyHex,
    currency: { code: "USD", decimals: 2 },
  };

  it("takes the fields it relies on and lets the others through", () => {
    expect(faultOf(nodeInfoSchema, { ...info, head: block, faucet: { enabled: true, amount: "100" } })).toBeNull();
  });

  it.each([
    { currency: { code: "usd", decimals: 2 }, fault: "code" },
    { currency: { code: "EURO", decimals: 2 }, fault: "code" },
    { currency: { code: "JPY", decimals: 10 }, fault: "decimals" },
    { currency: { code: "JPY", decimals: -1 }, fault: "decimals" },
  ])("refuses the currency $currency.code with $currency.decimals decimals", ({ currency, fault }) => {
    expect(faultOf(currencySchema, currency)).toBe(fault);
    expect(faultOf(nodeInfoSchema, { ...info, head: block, currency })).toBe(`currency.${fault}`);
  });
});
