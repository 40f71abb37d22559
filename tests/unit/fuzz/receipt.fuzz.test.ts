// Property-based tests of receipts (lib/ledger/receipt.ts): for random blocks (1 to 12 payments and mints, memos
// of any Unicode), the receipt as the node sends it (JSON, UTF-8) verifies, and any one-byte change of that text
// does not: either the bytes are no longer UTF-8 JSON of the receipt's shape (receiptSchema, what a wallet and the
// verifier parse with), or verifyReceipt answers not ok. Replacements are tried at every byte, some keeping the
// byte's class (a hex digit for a hex digit, a digit for a digit) so that most changes still parse and reach the
// signature and proof checks; any changed field value of the receipt object fails the same way.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeBlockHeader, makeGenesisHeader } from "@/lib/ledger/block";
import { computeTxId } from "@/lib/ledger/hash";
import { hexToBytes } from "@/lib/ledger/hex";
import { inclusionPaths } from "@/lib/ledger/merkle";
import { buildReceipt, verifyReceipt } from "@/lib/ledger/receipt";
import type { SignatureVerifier } from "@/lib/ledger/ed25519";
import { memoProblem } from "@/lib/ledger/transaction";
import type { Receipt, SignedTransaction } from "@/lib/ledger/types";
import { receiptSchema } from "@/lib/validations/block";
import { signBlock } from "../support/chain";
import { isoAt, mint, namedKey, payment, testChainId, verifyNodeSync } from "../support/keys";

const node = namedKey("node");
const accounts = ["alice", "bob", "carol", "dave"].map(namedKey);

type Spec = { from: number; to: number; amount: bigint; memo: string | null; isMint: boolean };

const memo = fc
  .string({ unit: "grapheme", maxLength: 40 })
  .filter((text) => memoProblem(text) === null && [...text].length <= 140);

const transactionSpec: fc.Arbitrary<Spec> = fc.record({
  from: fc.nat({ max: accounts.length - 1 }),
  to: fc.nat({ max: accounts.length - 2 }),
  amount: fc.bigInt({ min: 1n, max: 10n ** 16n - 1n }),
  memo: fc.option(memo),
  // One in five is a mint, whose signer is the node rather than the payer.
  isMint: fc.nat({ max: 4 }).map((roll) => roll === 0),
});

/** A block of the specified transactions, sealed and signed by the node, and the receipt of leaf `pick`. */
function receiptOf(specs: readonly Spec[], pick: number): Receipt {
  const signed: SignedTransaction[] = specs.map((spec, index) => {
    const from = accounts[spec.from]!;
    // `to` skips the payer, so that from ≠ to as the protocol says.
    const to = accounts[spec.to >= spec.from ? spec.to + 1 : spec.to]!;
    const timestamp = isoAt(index);
    if (spec.isMint) return mint(node, to, spec.amount.toString(), { timestamp });
    return payment(from, to, spec.amount.toString(), { timestamp, ...(spec.memo === null ? {} : { memo: spec.memo }) });
  });
  const txIds = signed.map((item) => computeTxId(item.tx));
  const genesis = signBlock(makeGenesisHeader(testChainId, isoAt(0)), node);
  const header = makeBlockHeader({
    chainId: testChainId,
    height: 1,
    prevHash: genesis.hash,
    txIds,
    timestamp: isoAt(1000),
  });
  const block = signBlock(header, node);
  const leafIndex = pick % signed.length;
  return buildReceipt({
    txId: txIds[leafIndex]!,
    signed: signed[leafIndex]!,
    block,
    leafIndex,
    path: inclusionPaths(txIds.map(hexToBytes))[leafIndex]!,
    nodePublicKey: node.publicKeyHex,
  });
}

const receipts = fc
  .tuple(fc.array(transactionSpec, { minLength: 1, maxLength: 12 }), fc.nat())
  .map(([specs, pick]) => receiptOf(specs, pick));

/**
 * The node's verifier, remembering its verdicts: most changes leave the signed bytes and signature as they were,
 * and a signature check is a pure function of its three inputs, so each distinct one is computed once.
 */
const verdicts = new Map<string, boolean>();
const verifySignature: SignatureVerifier = (publicKeyHex, message, signatureHex) => {
  const key = `${publicKeyHex} ${signatureHex} ${Buffer.from(message).toString("base64")}`;
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    verdict = verifyNodeSync(publicKeyHex, message, signatureHex);
    verdicts.set(key, verdict);
  }
  return verdict;
};

/** Time for a property on a machine whose cores other work shares; each one takes a few seconds when it is idle. */
const propertyTimeoutMs = 60_000;

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Whether the bytes would be taken as a valid receipt: UTF-8 JSON of the receipt's shape that verifies against
 * the node key. verifyReceipt is also run on a parsed value the schema refuses, which must not verify either
 * (it may throw on such a value, which is not verifying).
 */
async function isAccepted(bytes: Uint8Array): Promise<boolean> {
  let value: unknown;
  try {
    value = JSON.parse(strictUtf8.decode(bytes));
  } catch {
    return false;
  }
  const parsed = receiptSchema.safeParse(value);
  if (parsed.success) return (await verifyReceipt(parsed.data, node.publicKeyHex, verifySignature)).ok;
  try {
    return (await verifyReceipt(value as Receipt, node.publicKeyHex, verifySignature)).ok;
  } catch {
    return false;
  }
}

const digits = "0123456789";
const hexDigits = "0123456789abcdef";
const lowercase = "abcdefghijklmnopqrstuvwxyz";
const uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** Another byte of the same class as `byte` (so that the text most likely still parses), chosen by `choice`. */
function sameClassReplacement(byte: number, choice: number): number {
  const character = String.fromCharCode(byte);
  const alphabet = [digits, hexDigits, lowercase, uppercase].find((set) => set.includes(character));
  if (alphabet === undefined) return (byte + 1 + (choice % 255)) % 256;
  const others = [...alphabet].filter((item) => item !== character);
  return others[choice % others.length]!.charCodeAt(0);
}

function withByte(bytes: Uint8Array, position: number, byte: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy[position] = byte;
  return copy;
}

/** Every string and number in the receipt, by path, for the changed-field property. */
function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === "string" || typeof value === "number") return [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => leafPaths(item, [...path, index]));
  if (typeof value === "object" && value !== null)
    return Object.entries(value).flatMap(([key, item]) => leafPaths(item, [...path, key]));
  return [];
}

describe("receipts of random blocks", { timeout: propertyTimeoutMs }, () => {
  it("verify unchanged, as JSON text and as the object", async () => {
    await fc.assert(
      fc.asyncProperty(receipts, async (receipt) => {
        expect((await verifyReceipt(receipt, node.publicKeyHex, verifySignature)).ok).toBe(true);
        expect(await isAccepted(utf8.encode(JSON.stringify(receipt)))).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it("do not verify after any one-byte change of their JSON text, at every byte", async () => {
    await fc.assert(
      fc.asyncProperty(receipts, fc.nat(), async (receipt, choice) => {
        const bytes = utf8.encode(JSON.stringify(receipt));
        const accepted: string[] = [];
        for (let position = 0; position < bytes.length; position++) {
          const replacement = sameClassReplacement(bytes[position]!, choice + position);
          if (await isAccepted(withByte(bytes, position, replacement)))
            accepted.push(`byte ${position} ${bytes[position]} → ${replacement}`);
        }
        expect(accepted).toEqual([]);
      }),
      { numRuns: 4 },
    );
  });

  it("do not verify after a one-byte change to any value at any place", async () => {
    await fc.assert(
      fc.asyncProperty(receipts, fc.nat(), fc.integer({ min: 1, max: 255 }), async (receipt, at, delta) => {
        const bytes = utf8.encode(JSON.stringify(receipt));
        const position = at % bytes.length;
        const replacement = (bytes[position]! + delta) % 256;
        expect(await isAccepted(withByte(bytes, position, replacement))).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it("do not verify with any one field changed to another value of its type", async () => {
    await fc.assert(
      fc.asyncProperty(receipts, fc.nat(), fc.nat(), async (receipt, at, choice) => {
        const paths = leafPaths(receipt);
        const path = paths[at % paths.length]!;
        const copy = structuredClone(receipt) as unknown as Record<string | number, unknown>;
        let parent = copy;
        for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
        const key = path.at(-1)!;
        const old = parent[key];
        if (typeof old === "number") {
          parent[key] = old + 1 + (choice % 3);
        } else {
          const text = old as string;
          // One character replaced within its class (hex stays hex), or one added to an empty string.
          if (text.length === 0) parent[key] = "x";
          else {
            const index = choice % text.length;
            const replaced = String.fromCharCode(sameClassReplacement(text.charCodeAt(index) % 256, choice));
            parent[key] = text.slice(0, index) + replaced + text.slice(index + 1);
          }
        }
        if (parent[key] === old) return;
        expect(await isAccepted(utf8.encode(JSON.stringify(copy)))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
