// The zod schemas at the edge: what a route accepts, and for what it refuses, the exact field at fault (the
// wrapper turns the issue path into the error's dotted `field`).
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  accountQuerySchema,
  blocksQuerySchema,
  headersQuerySchema,
  limitSchema,
  queryIntegerSchema,
} from "@/lib/validations/pagination";
import {
  batchBodySchema,
  faucetBodySchema,
  signedPaymentSchema,
  signedTransactionSchema,
  transactionSchema,
} from "@/lib/validations/transaction";
import { mint, namedKey, payment } from "../support/keys";

const node = namedKey("node");
const alice = namedKey("alice");
const bob = namedKey("bob");
const good = payment(alice, bob, "1250", { memo: "coffee ☕" });

type Issue = { path: PropertyKey[]; code: string; message?: string; keys?: string[] };

function issuesOf(schema: z.ZodType, input: unknown): Issue[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: issue.path,
    code: issue.code,
    message: issue.message,
    ...("keys" in issue ? { keys: issue.keys } : {}),
  }));
}

/** The good payment with its tx fields replaced (undefined removes a field). */
function withTx(changes: Record<string, unknown>): unknown {
  const tx: Record<string, unknown> = { ...good.tx, ...changes };
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete tx[key];
  return { tx, signature: good.signature };
}

describe("signedPaymentSchema", () => {
  it("accepts a good payment and returns it unchanged", () => {
    const result = signedPaymentSchema.safeParse(good);
    expect(result.success).toBe(true);
    expect(result.data).toEqual(good);
  });

  it.each([
    { name: "no memo", input: withTx({ memo: undefined }) },
    { name: "an empty memo", input: withTx({ memo: "" }) },
    { name: "a 140-character memo", input: withTx({ memo: "m".repeat(140) }) },
    { name: "a memo of 140 emoji", input: withTx({ memo: "😀".repeat(140) }) },
    { name: "the largest amount", input: withTx({ amount: "9999999999999999" }) },
    { name: "the smallest amount", input: withTx({ amount: "1" }) },
    { name: "a 64-character chain id", input: withTx({ chainId: "c".repeat(64) }) },
  ])("accepts $name", ({ input }) => {
    expect(issuesOf(signedPaymentSchema, input)).toEqual([]);
  });

  const amountMessage = "must be a whole number of minor units written as a string: 1 to 16 digits, no leading zero";

  it.each([
    { name: "amount as a number", input: withTx({ amount: 1250 }), path: ["tx", "amount"], code: "invalid_type" },
    {
      name: 'amount "0"',
      input: withTx({ amount: "0" }),
      path: ["tx", "amount"],
      code: "invalid_format",
      message: amountMessage,
    },
    {
      name: 'amount "-1"',
      input: withTx({ amount: "-1" }),
      path: ["tx", "amount"],
      code: "invalid_format",
      message: amountMessage,
    },
    {
      name: 'amount "1.5"',
      input: withTx({ amount: "1.5" }),
      path: ["tx", "amount"],
      code: "invalid_format",
      message: amountMessage,
    },
    {
      name: "amount of 17 digits",
      input: withTx({ amount: "12345678901234567" }),
      path: ["tx", "amount"],
      code: "invalid_format",
    },
    { name: 'amount "01"', input: withTx({ amount: "01" }), path: ["tx", "amount"], code: "invalid_format" },
    { name: 'amount "1e3"', input: withTx({ amount: "1e3" }), path: ["tx", "amount"], code: "invalid_format" },
    { name: "empty amount", input: withTx({ amount: "" }), path: ["tx", "amount"], code: "invalid_format" },
    { name: "missing amount", input: withTx({ amount: undefined }), path: ["tx", "amount"], code: "invalid_type" },
    {
      name: "a 141-character memo",
      input: withTx({ memo: "m".repeat(141) }),
      path: ["tx", "memo"],
      code: "custom",
      message: "memo must be at most 140 characters",
    },
    {
      name: "a memo with a newline",
      input: withTx({ memo: "two\nlines" }),
      path: ["tx", "memo"],
      code: "custom",
      message: "memo must not contain control characters",
    },
    {
      name: "a memo with a lone surrogate",
      input: withTx({ memo: "\uD800" }),
      path: ["tx", "memo"],
      code: "custom",
      message: "memo must be well-formed Unicode",
    },
    { name: "a memo that is not a string", input: withTx({ memo: 5 }), path: ["tx", "memo"], code: "invalid_type" },
    { name: "a null memo", input: withTx({ memo: null }), path: ["tx", "memo"], code: "invalid_type" },
    {
      name: "from == to",
      input: withTx({ to: alice.publicKeyHex }),
      path: ["tx", "to"],
      code: "custom",
      message: "must differ from the payer's account",
    },
    {
      name: "type mint",
      input: withTx({ type: "mint" }),
      path: ["tx", "type"],
      code: "invalid_value",
      message: 'must be "payment"',
    },
    { name: "type missing", input: withTx({ type: undefined }), path: ["tx", "type"], code: "invalid_value" },
    {
      name: "from in uppercase hex",
      input: withTx({ from: alice.publicKeyHex.toUpperCase() }),
      path: ["tx", "from"],
      code: "invalid_format",
      message: "must be 64 lowercase hexadecimal characters",
    },
    {
      name: "to one byte short",
      input: withTx({ to: bob.publicKeyHex.slice(2) }),
      path: ["tx", "to"],
      code: "invalid_format",
    },
    {
      name: "from with a 0x prefix",
      input: withTx({ from: `0x${alice.publicKeyHex.slice(2)}` }),
      path: ["tx", "from"],
      code: "invalid_format",
    },
    { name: "an empty chain id", input: withTx({ chainId: "" }), path: ["tx", "chainId"], code: "invalid_format" },
    {
      name: "a 65-character chain id",
      input: withTx({ chainId: "c".repeat(65) }),
      path: ["tx", "chainId"],
      code: "invalid_format",
    },
    {
      name: "a chain id with a lone surrogate",
      input: withTx({ chainId: "chain\uD800" }),
      path: ["tx", "chainId"],
      code: "invalid_format",
    },
    {
      name: "a timestamp without milliseconds",
      input: withTx({ timestamp: "2026-11-25T22:00:00Z" }),
      path: ["tx", "timestamp"],
      code: "custom",
      message: "must be an ISO 8601 UTC time with milliseconds, like 2026-11-25T22:00:00.000Z",
    },
    {
      name: "a timestamp on February 30",
      input: withTx({ timestamp: "2026-02-30T22:00:00.000Z" }),
      path: ["tx", "timestamp"],
      code: "custom",
    },
    {
      name: "a timestamp as a number",
      input: withTx({ timestamp: Date.now() }),
      path: ["tx", "timestamp"],
      code: "invalid_type",
    },
    {
      name: "an unknown field in tx",
      input: withTx({ note: "unsigned" }),
      path: ["tx"],
      code: "unrecognized_keys",
      keys: ["note"],
    },
    {
      name: "an unknown field at the top level",
      input: { ...good, receipt: true },
      path: [],
      code: "unrecognized_keys",
      keys: ["receipt"],
    },
    {
      name: "a signature in uppercase hex",
      input: { ...good, signature: good.signature.toUpperCase() },
      path: ["signature"],
      code: "invalid_format",
      message: "must be 128 lowercase hexadecimal characters",
    },
    {
      name: "a signature one byte short",
      input: { ...good, signature: good.signature.slice(2) },
      path: ["signature"],
      code: "invalid_format",
    },
    { name: "a missing signature", input: { tx: good.tx }, path: ["signature"], code: "invalid_type" },
    { name: "a missing tx", input: { signature: good.signature }, path: ["tx"], code: "invalid_type" },
    {
      name: "a tx that is an array",
      input: { tx: [good.tx], signature: good.signature },
      path: ["tx"],
      code: "invalid_type",
    },
    { name: "a body that is null", input: null, path: [], code: "invalid_type" },
    { name: "a body that is a string", input: JSON.stringify(good), path: [], code: "invalid_type" },
    { name: "a body that is an array", input: [good], path: [], code: "invalid_type" },
  ])("refuses $name at $path", ({ input, path, code, message, keys }) => {
    const issues = issuesOf(signedPaymentSchema, input);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      path,
      code,
      ...(message === undefined ? {} : { message }),
      ...(keys === undefined ? {} : { keys }),
    });
  });

  it("reports every field at fault, not only the first", () => {
    const issues = issuesOf(signedPaymentSchema, { tx: { ...good.tx, amount: "0", from: "x" }, signature: "" });
    expect(issues.map((issue) => issue.path)).toEqual([["tx", "from"], ["tx", "amount"], ["signature"]]);
  });
});

describe("transactionSchema and signedTransactionSchema (recorded transactions)", () => {
  it("accept a mint and a payment", () => {
    const signedMint = mint(node, alice, "5000");
    expect(issuesOf(signedTransactionSchema, signedMint)).toEqual([]);
    expect(issuesOf(signedTransactionSchema, good)).toEqual([]);
  });

  it.each([
    { name: "an unknown type", tx: { ...good.tx, type: "refund" }, path: ["type"], code: "invalid_value" },
    { name: "from == to", tx: { ...good.tx, to: good.tx.from }, path: ["to"], code: "custom" },
    { name: "an unknown field", tx: { ...good.tx, fee: "1" }, path: [], code: "unrecognized_keys" },
  ])("refuse $name", ({ tx, path, code }) => {
    expect(issuesOf(transactionSchema, tx)).toMatchObject([{ path, code }]);
  });
});

describe("batchBodySchema", () => {
  it.each([1, 1000])("accepts %i items, whatever each holds (each is checked on its own)", (count) => {
    expect(
      issuesOf(batchBodySchema, {
        payments: Array.from({ length: count }, (_, index) => (index === 0 ? good : { junk: index })),
      }),
    ).toEqual([]);
  });

  it.each([
    {
      name: "no items",
      input: { payments: [] },
      path: ["payments"],
      code: "too_small",
      message: "must hold at least one payment",
    },
    {
      name: "1,001 items",
      input: { payments: Array.from({ length: 1001 }, () => good) },
      path: ["payments"],
      code: "too_big",
      message: "must hold at most 1000 payments",
    },
    { name: "payments that is not a list", input: { payments: good }, path: ["payments"], code: "invalid_type" },
    { name: "a missing list", input: {}, path: ["payments"], code: "invalid_type" },
    { name: "an unknown field", input: { payments: [good], dryRun: true }, path: [], code: "unrecognized_keys" },
  ])("refuses $name", ({ input, path, code, message }) => {
    expect(issuesOf(batchBodySchema, input)).toMatchObject([
      { path, code, ...(message === undefined ? {} : { message }) },
    ]);
  });
});

describe("faucetBodySchema", () => {
  it("accepts an account", () => {
    expect(faucetBodySchema.parse({ account: alice.publicKeyHex })).toEqual({ account: alice.publicKeyHex });
  });

  it.each([
    { name: "an uppercase account", input: { account: alice.publicKeyHex.toUpperCase() }, path: ["account"] },
    { name: "a missing account", input: {}, path: ["account"] },
    { name: "an unknown field", input: { account: alice.publicKeyHex, amount: "5" }, path: [] },
  ])("refuses $name", ({ input, path }) => {
    expect(issuesOf(faucetBodySchema, input).map((issue) => issue.path)).toEqual([path]);
  });
});

describe("pagination query schemas", () => {
  it("blocks: limit defaults to 20 and before to nothing", () => {
    expect(blocksQuerySchema.parse({})).toEqual({ limit: 20 });
    expect(blocksQuerySchema.parse({ limit: undefined })).toEqual({ limit: 20 });
  });

  it.each([
    { limit: "1", value: 1 },
    { limit: "20", value: 20 },
    { limit: "100", value: 100 },
  ])("blocks: limit $limit is $value", ({ limit, value }) => {
    expect(blocksQuerySchema.parse({ limit })).toEqual({ limit: value });
  });

  it.each([
    { limit: "0", why: "below 1", code: "too_small", message: "must be at least 1" },
    { limit: "101", why: "above 100", code: "too_big", message: "must be at most 100" },
    { limit: "-1", why: "negative", code: "invalid_format" },
    { limit: "abc", why: "not a number", code: "invalid_format" },
    { limit: "1.5", why: "a fraction", code: "invalid_format" },
    { limit: "", why: "empty", code: "invalid_format" },
    { limit: " 5", why: "padded", code: "invalid_format" },
    { limit: "1e2", why: "an exponent", code: "invalid_format" },
    { limit: "020", why: "a leading zero", code: "invalid_format" },
    { limit: "0x10", why: "hexadecimal", code: "invalid_format" },
    { limit: "9999999999999999", why: "16 digits", code: "invalid_format" },
    { limit: 5, why: "not a string", code: "invalid_type" },
  ])("blocks: limit $limit is refused ($why), not clamped", ({ limit, code, message }) => {
    expect(issuesOf(blocksQuerySchema, { limit })).toMatchObject([
      { path: ["limit"], code, ...(message === undefined ? {} : { message }) },
    ]);
  });

  it("blocks: before is a height of at least 1", () => {
    expect(blocksQuerySchema.parse({ before: "1" })).toEqual({ limit: 20, before: 1 });
    expect(blocksQuerySchema.parse({ before: "123456", limit: "5" })).toEqual({ limit: 5, before: 123456 });
    for (const before of ["0", "-1", "abc", "1.5", ""]) {
      expect(issuesOf(blocksQuerySchema, { before }).map((issue) => issue.path)).toEqual([["before"]]);
    }
  });

  it("headers: from defaults to 0 and limit to 20; limit goes up to 1,000", () => {
    expect(headersQuerySchema.parse({})).toEqual({ from: 0, limit: 20 });
    expect(headersQuerySchema.parse({ from: "7", limit: "1000" })).toEqual({ from: 7, limit: 1000 });
    expect(issuesOf(headersQuerySchema, { limit: "1001" })).toMatchObject([{ path: ["limit"], code: "too_big" }]);
    expect(issuesOf(headersQuerySchema, { limit: "0" })).toMatchObject([{ path: ["limit"], code: "too_small" }]);
    expect(issuesOf(headersQuerySchema, { from: "-1" })).toMatchObject([{ path: ["from"], code: "invalid_format" }]);
  });

  it("accounts: before is an opaque string; limit as for blocks", () => {
    expect(accountQuerySchema.parse({ before: "opaque:cursor/42" })).toEqual({ limit: 20, before: "opaque:cursor/42" });
    expect(issuesOf(accountQuerySchema, { limit: "101" })).toMatchObject([{ path: ["limit"], code: "too_big" }]);
    expect(issuesOf(accountQuerySchema, { limit: "0" })).toMatchObject([{ path: ["limit"], code: "too_small" }]);
  });

  it("limitSchema takes its own maximum and default", () => {
    const schema = limitSchema(50, 7);
    expect(schema.parse(undefined)).toBe(7);
    expect(schema.parse("50")).toBe(50);
    expect(schema.safeParse("51").success).toBe(false);
  });

  it("queryIntegerSchema reads whole numbers up to 15 digits, exactly", () => {
    expect(queryIntegerSchema.parse("0")).toBe(0);
    expect(queryIntegerSchema.parse("999999999999999")).toBe(999999999999999);
    expect(queryIntegerSchema.safeParse("1000000000000000").success).toBe(false);
  });
});
