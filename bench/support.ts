// What the bench's parts share: wallets, signed payments, and funding them through the faucet.
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { canonicalBytes } from "../lib/ledger/canonical";
import { bytesToHex } from "../lib/ledger/hex";
import type { SignedTransaction, Transaction } from "../lib/ledger/types";
import { publicKeyHexOf } from "../lib/crypto/ed25519";
import type { RunningServer } from "../tests/support/server";

export const benchChainId = "chainpay-bench";

/** A figure as the bench prints it: en-US grouping, `digits` decimals, "n/a" for what could not be measured. */
export const format = (value: number, digits = 0): string =>
  Number.isFinite(value)
    ? value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "n/a";

/**
 * The faucet every bench node runs with: each payer is funded by one grant, as fast as the bench asks, however
 * many payers there are (0 turns the hourly budgets off: one client, the bench, funds hundreds of payers).
 */
export const benchFaucetEnvironment = {
  FAUCET_AMOUNT: "1000000000000",
  FAUCET_INTERVAL_SECONDS: "0",
  FAUCET_HOURLY_PER_CLIENT: "0",
  FAUCET_HOURLY_TOTAL: "0",
} as const;

export type Wallet = { publicKey: string; privateKey: KeyObject };

export function makeWallet(): Wallet {
  const { privateKey } = generateKeyPairSync("ed25519");
  return { publicKey: publicKeyHexOf(privateKey), privateKey };
}

/** Each payer's newest timestamp signed. */
const lastTimestampMs = new WeakMap<Wallet, number>();

export function signPayment(from: Wallet, to: string): SignedTransaction {
  // Distinct timestamps for each payer make its payments distinct (other payers' differ in `from`). Counted per
  // payer, they stay within the node's 10-minute window however many bodies are signed ahead: one counter for
  // all ran ahead of the clock by a millisecond a body, and on a fast machine a whole bench signed enough to pass
  // the window (the workers part's last window was refused, 13,813 payments).
  const timestampMs = Math.max((lastTimestampMs.get(from) ?? 0) + 1, Date.now() - 60_000);
  lastTimestampMs.set(from, timestampMs);
  const tx: Transaction = {
    type: "payment",
    chainId: benchChainId,
    from: from.publicKey,
    to,
    amount: "1",
    timestamp: new Date(timestampMs).toISOString(),
  };
  return { tx, signature: bytesToHex(sign(null, canonicalBytes(tx), from.privateKey)) };
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

/** One faucet payment to each wallet, sent to the servers in turn (any instance of a node will do). */
export async function fund(servers: readonly RunningServer[], wallets: readonly Wallet[]): Promise<void> {
  for (const [index, wallet] of wallets.entries()) {
    const response = await postJson(`${servers[index % servers.length]!.url}/api/faucet`, {
      account: wallet.publicKey,
    });
    if (response.status !== 201) throw new Error(`faucet answered ${response.status}`);
  }
}

/** The middle value (the upper of the two middle ones for an even count): what each part reports of its rounds. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** A bench setting from the environment: a whole number of at least `min`, or `fallback` when unset. */
export function wholeNumberSetting(name: string, fallback: number, min: number): number {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}`);
  return value;
}

/**
 * `roundCount` rounds of one window on each of two set-ups, back to back, which one goes first alternating: a slow
 * moment of the shared machine, or the chains growing, falls on both sides of a round. `measure` is told the
 * fastest rate seen so far, to size its pre-signed bodies. Each round is [side 0's window, side 1's window].
 */
export async function alternatingRounds<Window extends { paymentsPerSecond: number }>(
  roundCount: number,
  fastestRateSoFar: number,
  measure: (side: 0 | 1, fastestRate: number) => Promise<Window>,
): Promise<[Window, Window][]> {
  let fastestRate = fastestRateSoFar;
  const rounds: [Window, Window][] = [];
  for (let round = 0; round < roundCount; round++) {
    const order = round % 2 === 0 ? ([0, 1] as const) : ([1, 0] as const);
    const first = await measure(order[0], fastestRate);
    const second = await measure(order[1], fastestRate);
    const pair: [Window, Window] = round % 2 === 0 ? [first, second] : [second, first];
    fastestRate = Math.max(fastestRate, pair[0].paymentsPerSecond, pair[1].paymentsPerSecond);
    rounds.push(pair);
  }
  return rounds;
}

/** How long and how often a part measures: BENCH_<PART>=0 skips it, BENCH_<PART>_SECONDS and _ROUNDS set it. */
export type WindowOptions = { seconds: number; rounds: number };

export function windowOptionsFromEnvironment(part: string, defaults: WindowOptions): WindowOptions | null {
  if (process.env[`BENCH_${part}`] === "0") return null;
  return {
    seconds: wholeNumberSetting(`BENCH_${part}_SECONDS`, defaults.seconds, 1),
    rounds: wholeNumberSetting(`BENCH_${part}_ROUNDS`, defaults.rounds, 1),
  };
}

/**
 * Funds `payerCount` fresh payers on `server` and returns a maker of pre-signed payment bodies from them, in turn,
 * to one payee: what a part's load sends.
 */
export async function fundedPaymentBodies(
  server: RunningServer,
  payerCount: number,
): Promise<(count: number) => string[]> {
  const payers = Array.from({ length: payerCount }, makeWallet);
  await fund([server], payers);
  const payee = makeWallet().publicKey;
  let next = 0;
  return (count) =>
    Array.from({ length: count }, () => JSON.stringify(signPayment(payers[next++ % payers.length]!, payee)));
}
