// Accounts are points: a key is an account only when it decodes to an Ed25519 point as RFC 8032 §5.1.3 says and
// that point is not of small order. The vectors are built here from the curve's equation with BigInt arithmetic,
// so each one says why it is what it is without trusting the decoder under test.
import { createPublicKey, generateKeyPairSync, randomBytes } from "node:crypto";
import { ed25519 } from "@noble/curves/ed25519.js";
import { describe, expect, it } from "vitest";
import { verifyWithNodeCrypto } from "@/lib/crypto/ed25519";
import { ChainAuditor } from "@/lib/ledger/audit";
import { accountKeyProblem, isAccountKey, isCurvePointKey, verifyWithWebCrypto } from "@/lib/ledger/ed25519";
import type { Transaction } from "@/lib/ledger/types";
import {
  accountKeyMessages,
  accountKeySchema,
  faucetBodySchema,
  signedPaymentSchema,
} from "@/lib/validations/transaction";
import { mintBodySchema } from "@/lib/validations/admin";
import { blockWithTransactionsSchema } from "@/lib/validations/block";
import { buildChain } from "../support/chain";
import { isoAt, mint, namedKey, payment, signTransaction, testChainId, verifyBatchSync } from "../support/keys";
import rfc8032 from "../vectors/rfc8032-ed25519.json";

const p = 2n ** 255n - 19n;

function power(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  for (let b = base % p, e = exponent; e > 0n; e >>= 1n, b = (b * b) % p)
    if ((e & 1n) === 1n) result = (result * b) % p;
  return result;
}

const inverse = (value: bigint) => power(value, p - 2n);
const d = ((p - 121665n) * inverse(121666n)) % p;

/** Whether x² = (y² − 1)/(d·y² + 1) has a root mod p (Euler's criterion): whether some point has this y. */
function hasPointWithY(y: bigint): boolean {
  const ratio = (((y * y - 1n + p) % p) * inverse((d * y * y + 1n) % p)) % p;
  return ratio === 0n || power(ratio, (p - 1n) / 2n) === 1n;
}

/** RFC 8032 §5.1.2's encoding of y (any 255-bit integer, reduced or not) with the sign bit of x. */
function encodeY(y: bigint, isSignBitSet = false): string {
  const bytes = new Uint8Array(32);
  for (let index = 0, rest = y; index < 32; index++, rest >>= 8n) bytes[index] = Number(rest & 0xffn);
  if (isSignBitSet) bytes[31]! |= 0x80;
  return Buffer.from(bytes).toString("hex");
}

const testKeys = rfc8032.vectors.map(({ name, publicKey }) => ({ name, key: publicKey }));

// y = 2, 7 and 8: no x solves the curve's equation, so these 32 bytes name no point at all.
const offCurve = [2n, 7n, 8n].map((y) => ({ name: `y = ${y}`, y, key: encodeY(y) }));

// y = p + 3, p + 9 and p + 18 are the points y = 3, 9 and 18 written with y ≥ p, which §5.1.3 refuses: a key has
// one encoding, or two strings would be one account.
const nonCanonical = [3n, 9n, 18n].map((y) => ({ name: `y = p + ${y}`, y, key: encodeY(p + y) }));

// The eight points of small order (libsodium's blocklist): the identity, (0, −1), the two of order 4 (y = 0)
// and the four of order 8, with either sign of x where x ≠ 0.
const order8Y = [
  "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
  "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
];
const smallOrder = [
  { name: "the identity (0, 1)", key: encodeY(1n) },
  { name: "(0, −1), of order 2", key: encodeY(p - 1n) },
  { name: "(√−1, 0), of order 4", key: encodeY(0n) },
  { name: "(−√−1, 0), of order 4", key: encodeY(0n, true) },
  ...order8Y.flatMap((key, index) => [
    { name: `order-8 point ${index + 1}`, key },
    {
      name: `order-8 point ${index + 1}, x negated`,
      key: `${key.slice(0, 62)}${(Number.parseInt(key.slice(62), 16) | 0x80).toString(16)}`,
    },
  ]),
];

describe("the vectors are what they say", () => {
  it("RFC 8032's keys are points", () => {
    for (const { key } of testKeys) {
      const y = BigInt(`0x${Buffer.from(key, "hex").reverse().toString("hex")}`) & ((1n << 255n) - 1n);
      expect(y < p && hasPointWithY(y)).toBe(true);
    }
  });

  it.each(offCurve)("$name has no x", ({ y }) => {
    expect(hasPointWithY(y)).toBe(false);
  });

  it.each(nonCanonical)("$name is ≥ p, and its reduction is a point", ({ y }) => {
    expect(p + y < 2n ** 255n).toBe(true);
    expect(hasPointWithY(y)).toBe(true);
    expect(accountKeyProblem(encodeY(y))).toBeNull();
  });

  it("Node's own OpenSSL imports off-curve bytes as a key, so it cannot be the judge", () => {
    const spki = Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), Buffer.from(offCurve[0]!.key, "hex")]);
    expect(() => createPublicKey({ key: spki, format: "der", type: "spki" })).not.toThrow();
  });
});

describe("accountKeyProblem, the one account rule", () => {
  it.each(testKeys)("accepts RFC 8032's $name key", ({ key }) => {
    expect(accountKeyProblem(key)).toBeNull();
    expect(isAccountKey(key)).toBe(true);
    expect(accountKeySchema.safeParse(key).success).toBe(true);
  });

  it.each([...offCurve, ...nonCanonical])("refuses $name as no point", ({ key }) => {
    expect(accountKeyProblem(key)).toBe("not_a_point");
    expect(isAccountKey(key)).toBe(false);
    expect(isCurvePointKey(key)).toBe(false);
  });

  it.each(smallOrder)("refuses $name as weak, though it is a point", ({ key }) => {
    expect(accountKeyProblem(key)).toBe("small_order");
    expect(isAccountKey(key)).toBe(false);
    expect(isCurvePointKey(key)).toBe(true);
  });

  it.each([
    { name: "x = 0 with the sign bit set (the identity's other sign)", key: encodeY(1n, true) },
    { name: "y = p, the non-canonical 0", key: encodeY(p) },
  ])("refuses $name, a weak key that does not even decode", ({ key }) => {
    expect(accountKeyProblem(key)).toBe("small_order");
    expect(isCurvePointKey(key)).toBe(false);
  });

  it.each([
    { name: "uppercase hex", key: rfc8032.vectors[0]!.publicKey.toUpperCase() },
    { name: "31 bytes", key: rfc8032.vectors[0]!.publicKey.slice(2) },
    { name: "not hex", key: "z".repeat(64) },
  ])("calls $name malformed", ({ key }) => {
    expect(accountKeyProblem(key)).toBe("malformed");
  });

  it("gives the same verdict the second time, when it comes from the cache", () => {
    for (const { key } of [...testKeys, ...offCurve, ...nonCanonical]) {
      expect(accountKeyProblem(key)).toBe(accountKeyProblem(key));
    }
    expect(accountKeyProblem(offCurve[0]!.key)).toBe("not_a_point");
    expect(accountKeyProblem(testKeys[0]!.key)).toBeNull();
  });
});

/** The rule as @noble/curves decodes (strictly, as RFC 8032 says): the reference the node's own decoding must match. */
function nobleVerdict(key: string): { decodes: boolean; problem: "not_a_point" | "small_order" | null } {
  let point;
  try {
    point = ed25519.Point.fromHex(key, false);
  } catch {
    return { decodes: false, problem: isSmallOrderEncoding(key) ? "small_order" : "not_a_point" };
  }
  return { decodes: true, problem: isSmallOrderEncoding(key) || point.isSmallOrder() ? "small_order" : null };
}

/** libsodium's blocklist, as accountKeyProblem checks it first: the small-order encodings, either sign bit. */
function isSmallOrderEncoding(key: string): boolean {
  const masked = `${key.slice(0, 62)}${(Number.parseInt(key.slice(62), 16) & 0x7f).toString(16).padStart(2, "0")}`;
  return smallOrder.some((entry) => entry.key === masked) || [p, p + 1n].some((y) => encodeY(y) === masked);
}

describe("the node's decoding against @noble/curves", () => {
  // Around every boundary of the rule: the smallest y, y near p (either side) and y near 2^255, each with either
  // sign bit; then random bytes (about half of all y have a point) and real keys.
  const boundaries = [0n, p - 30n, 2n ** 255n - 30n].flatMap((from) =>
    Array.from({ length: 30 }, (_, offset) => from + BigInt(offset)),
  );
  const keys = [
    ...boundaries.flatMap((y) => [encodeY(y), encodeY(y, true)]),
    ...Array.from({ length: 4_000 }, () => randomBytes(32).toString("hex")),
    ...Array.from({ length: 500 }, () =>
      generateKeyPairSync("ed25519").publicKey.export({ format: "der", type: "spki" }).subarray(12).toString("hex"),
    ),
  ];

  it("gives noble's verdict on every one, whether the key is a point and whether it is weak", () => {
    const differing = keys.filter((key) => {
      const expected = nobleVerdict(key);
      return accountKeyProblem(key) !== expected.problem || isCurvePointKey(key) !== expected.decodes;
    });
    expect(differing).toEqual([]);
    // The sample holds both kinds in numbers, so the comparison above means something.
    const decoding = keys.filter((key) => nobleVerdict(key).decodes).length;
    expect(decoding).toBeGreaterThan(1_500);
    expect(keys.length - decoding).toBeGreaterThan(1_500);
    // About 2.3 s alone (noble decodes every key twice); 6.1 s was seen with a fresh clone's whole suite running
    // beside it, past Vitest's default of 5 s.
  }, 30_000);
});

describe("accountKeySchema names the rule broken", () => {
  it.each([
    { name: "an off-curve key", key: offCurve[0]!.key, problem: "not_a_point" },
    { name: "a non-canonical key", key: nonCanonical[0]!.key, problem: "not_a_point" },
    { name: "a small-order key", key: smallOrder[0]!.key, problem: "small_order" },
  ] as const)("$name: $problem", ({ key, problem }) => {
    const parsed = accountKeySchema.safeParse(key);
    expect(parsed.error?.issues).toMatchObject([
      { code: "custom", message: accountKeyMessages[problem], params: { accountKeyProblem: problem } },
    ]);
  });

  it("adds nothing to a malformed key's own issue", () => {
    expect(accountKeySchema.safeParse("AB".repeat(32)).error?.issues).toMatchObject([
      { code: "invalid_format", message: "must be 64 lowercase hexadecimal characters" },
    ]);
  });

  const alice = namedKey("alice");
  const bob = namedKey("bob");
  const offCurveKey = offCurve[0]!.key;

  it.each([
    { name: "payee", change: { to: offCurveKey }, path: ["tx", "to"] },
    { name: "payer", change: { from: offCurveKey }, path: ["tx", "from"] },
  ])("refuses an off-curve $name at $path", ({ change, path }) => {
    const signed = payment(alice, bob, "100");
    const parsed = signedPaymentSchema.safeParse({ ...signed, tx: { ...signed.tx, ...change } });
    expect(parsed.error?.issues).toMatchObject([{ path, message: accountKeyMessages.not_a_point }]);
  });

  it("refuses an off-curve faucet account and admin mint account", () => {
    expect(faucetBodySchema.safeParse({ account: offCurveKey }).error?.issues).toMatchObject([
      { path: ["account"], message: accountKeyMessages.not_a_point },
    ]);
    expect(mintBodySchema.safeParse({ account: offCurveKey, amount: "100" }).error?.issues).toMatchObject([
      { path: ["account"], message: accountKeyMessages.not_a_point },
    ]);
  });
});

describe("signature checks and the chain audit", () => {
  it.each([
    { name: "node:crypto", verify: verifyWithNodeCrypto },
    { name: "WebCrypto", verify: verifyWithWebCrypto },
  ])("$name refuses a signature under a key that is no point", async ({ verify }) => {
    const message = new TextEncoder().encode("pay me");
    for (const { key } of [...offCurve, ...nonCanonical]) {
      expect(await verify(key, message, "00".repeat(64))).toBe(false);
    }
    const vector = rfc8032.vectors[1]!;
    expect(await verify(vector.publicKey, Buffer.from(vector.message, "hex"), vector.signature)).toBe(true);
  });

  const node = namedKey("node");
  const alice = namedKey("alice");

  it.each([
    { name: "an off-curve payee", to: offCurve[0]!.key },
    { name: "a non-canonical payee", to: nonCanonical[0]!.key },
  ])("a chain recording a payment to $name fails at that block, in the audit and in the verifier", async ({ to }) => {
    const toBadKey: Transaction = {
      type: "payment",
      chainId: testChainId,
      from: alice.publicKeyHex,
      to,
      amount: "10",
      timestamp: isoAt(1),
    };
    const chain = buildChain(node, [
      { transactions: [mint(node, alice, "100")] },
      { transactions: [signTransaction(toBadKey, alice)] },
    ]);
    const auditor = new ChainAuditor(node.publicKeyHex);
    await auditor.addBlocks(chain, verifyBatchSync);
    expect(auditor.result).toMatchObject({
      ok: false,
      firstBad: { height: 2, reason: "transaction 0: its accounts are malformed" },
    });
    // The verifier reads each block from the node through this schema (lib/verifier/node-api.ts) before auditing.
    expect(blockWithTransactionsSchema.safeParse(chain[2]).error?.issues).toMatchObject([
      { path: ["transactions", 0, "tx", "to"], message: accountKeyMessages.not_a_point },
    ]);
    expect(blockWithTransactionsSchema.safeParse(chain[1]).success).toBe(true);
  });
});
