// The witnessed lag, sampled: now and then one payment of a payer of its own, timed from its 201 until GET
// /api/transactions/{txId}/witnessed answers 200 (each sample polls that route every pollIntervalMs, so a
// figure is at most that much late). The sampler runs beside the payments load, on both set-ups alike, so that
// its few requests weigh the same on each side of the throughput ratio.
import { computeTxId } from "../../lib/ledger/hash";
import type { RunningServer } from "../../tests/support/server";
import { fund, makeWallet, postJson, signPayment, type Wallet } from "../support";
import { percentile } from "../hostile/health-probe";

export const lagPollIntervalMs = 50;
/** A payment not witnessed this long after its 201 is counted as such, and its polling ends. */
export const lagTimeoutMs = 60_000;
/** Sampling ends after this many samples timed out with none witnessed: the set-up does not witness. */
const timeoutsBeforeGivingUp = 3;

export type LagSamples = { lagsMs: number[]; timedOut: number; failed: number };
export type LagFigures = {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  timedOut: number;
  failed: number;
  /** Set when sampling stopped because no sample was ever witnessed: the figures say nothing then. */
  abandoned: boolean;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One poll: the witnessed route's status, or null when it did not answer (a connection error, a timeout). */
async function witnessedStatus(url: string, txId: string): Promise<number | null> {
  try {
    const answer = await fetch(`${url}/api/transactions/${txId}/witnessed`, {
      signal: AbortSignal.timeout(lagTimeoutMs),
    });
    // Read whole, inside the try: the timeout may fire while the body is still arriving.
    await answer.arrayBuffer();
    return answer.status;
  } catch {
    return null;
  }
}

/** One sample: a payment, then polls until its witnessed receipt is served. */
async function sampleOnce(url: string, payer: Wallet, payee: string): Promise<number | "timeout" | "failed"> {
  const signed = signPayment(payer, payee);
  const created = await postJson(`${url}/api/payments`, signed).catch(() => null);
  if (created?.status !== 201) return "failed";
  const createdMs = performance.now();
  const txId = computeTxId(signed.tx);
  while (performance.now() - createdMs < lagTimeoutMs) {
    const status = await witnessedStatus(url, txId);
    if (status === 200) return performance.now() - createdMs;
    if (status !== null && status !== 404) return "failed";
    await sleep(lagPollIntervalMs);
  }
  return "timeout";
}

/** Samples the lag of one server: a payment every `everyMs` while running, each followed to its witnessed receipt. */
export class LagSampler {
  private readonly server: RunningServer;
  private readonly payer: Wallet;
  private readonly payee = makeWallet().publicKey;
  private readonly samples: LagSamples = { lagsMs: [], timedOut: 0, failed: 0 };

  private constructor(server: RunningServer, payer: Wallet) {
    this.server = server;
    this.payer = payer;
  }

  static async prepare(server: RunningServer): Promise<LagSampler> {
    const payer = makeWallet();
    await fund([server], [payer]);
    return new LagSampler(server, payer);
  }

  /** Samples every `everyMs` until `stop()` is called; `stop()` resolves once every sample taken has ended. */
  start(everyMs: number): { stop: () => Promise<void> } {
    const pending: Promise<void>[] = [];
    // A node whose payments are never witnessed (a witness set-up that does not work) would cost every later
    // window lagTimeoutMs of waiting: once a few samples have timed out and none was ever witnessed, sampling ends.
    let isRunning = !this.isAbandoned();
    const record = (result: number | "timeout" | "failed") => {
      if (result === "timeout") this.samples.timedOut += 1;
      else if (result === "failed") this.samples.failed += 1;
      else this.samples.lagsMs.push(result);
    };
    const loop = (async () => {
      while (isRunning && !this.isAbandoned()) {
        pending.push(sampleOnce(this.server.url, this.payer, this.payee).then(record, () => record("failed")));
        await sleep(everyMs);
      }
    })();
    return {
      stop: async () => {
        isRunning = false;
        await loop;
        await Promise.all(pending);
      },
    };
  }

  private isAbandoned(): boolean {
    return this.samples.timedOut >= timeoutsBeforeGivingUp && this.samples.lagsMs.length === 0;
  }

  figures(): LagFigures {
    const sorted = [...this.samples.lagsMs].sort((a, b) => a - b);
    return {
      samples: sorted.length,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
      maxMs: sorted.at(-1) ?? Number.NaN,
      timedOut: this.samples.timedOut,
      failed: this.samples.failed,
      abandoned: this.isAbandoned(),
    };
  }
}
