// `npx tsx bench/account-keys.ts`: what the account rule (accountKeyProblem: decoding the point, RFC 8032 §5.1.3)
// costs per check, uncached and from its verdict cache, set beside the Ed25519 verify that every payment pays
// anyway. One core, one run; the figures go in the report that changed the rule, not into a test.
import { generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { verifyWithNodeCryptoSync } from "../lib/crypto/ed25519";
import { accountKeyProblem } from "../lib/ledger/ed25519";
import { canonicalBytes } from "../lib/ledger/canonical";
import { accountKeySchema, signedPaymentSchema } from "../lib/validations/transaction";

// More distinct keys than the verdict cache holds (10,000), so that every first look at one is a miss.
const distinctKeys = 20_000;
const repeats = 200_000;

function publicKeyHex(): string {
  const { publicKey } = generateKeyPairSync("ed25519");
  return publicKey.export({ format: "der", type: "spki" }).subarray(12).toString("hex");
}

function offCurveKeys(count: number): string[] {
  const keys: string[] = [];
  while (keys.length < count) {
    const key = randomBytes(32).toString("hex");
    if (accountKeyProblem(key) === "not_a_point") keys.push(key);
  }
  return keys;
}

/** Microseconds per call of `run` over `inputs`, after an untimed pass over `warmUp` to warm the code up. */
function microsecondsPer<T>(inputs: readonly T[], warmUp: readonly T[], run: (input: T) => unknown): number {
  for (const input of warmUp) run(input);
  const started = process.hrtime.bigint();
  for (const input of inputs) run(input);
  return Number(process.hrtime.bigint() - started) / 1_000 / inputs.length;
}

const fresh = (count: number) => Array.from({ length: count }, publicKeyHex);
const warmUpKeys = fresh(1_000);
const validKeys = fresh(distinctKeys);
const badKeys = offCurveKeys(distinctKeys);
// offCurveKeys looked at each of its keys: look at as many others, so that the bad keys are out of the cache.
offCurveKeys(distinctKeys);
const sameKey = Array.from({ length: repeats }, () => validKeys[0]!);

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const payer = publicKey.export({ format: "der", type: "spki" }).subarray(12).toString("hex");
const paymentTo = (to: string) => {
  const tx = {
    type: "payment",
    chainId: "chainpay-bench",
    from: payer,
    to,
    amount: "100",
    timestamp: new Date().toISOString(),
  } as const;
  return { tx, signature: sign(null, canonicalBytes(tx), privateKey).toString("hex") };
};
const warmUpPayments = warmUpKeys.map(paymentTo);
const newPayees = fresh(distinctKeys).map(paymentTo);
// The last 5,000 payees of newPayees are still in the cache when the first run over them is done.
const knownPayees = newPayees.slice(-5_000);
const parsePayment = (item: unknown) => signedPaymentSchema.safeParse(item);

const figures = {
  "accountKeyProblem, a new valid key (decoded)": microsecondsPer(validKeys, warmUpKeys, accountKeyProblem),
  "accountKeyProblem, a new off-curve key (decoded)": microsecondsPer(badKeys, warmUpKeys, accountKeyProblem),
  "accountKeyProblem, a key seen before (cached)": microsecondsPer(sameKey, warmUpKeys, accountKeyProblem),
  "accountKeySchema.safeParse, a key seen before": microsecondsPer(sameKey, warmUpKeys, (key) =>
    accountKeySchema.safeParse(key),
  ),
  "signedPaymentSchema.safeParse, a known payer and a new payee": microsecondsPer(
    newPayees,
    warmUpPayments,
    parsePayment,
  ),
  "signedPaymentSchema.safeParse, both accounts known": microsecondsPer(knownPayees, warmUpPayments, parsePayment),
  "verifyWithNodeCryptoSync, for comparison": microsecondsPer(knownPayees, warmUpPayments, ({ tx, signature }) =>
    verifyWithNodeCryptoSync(tx.from, canonicalBytes(tx), signature),
  ),
};
for (const [name, microseconds] of Object.entries(figures)) {
  console.log(`${name.padEnd(64)} ${microseconds.toFixed(2).padStart(8)} µs  (${Math.round(1e6 / microseconds)}/s)`);
}
