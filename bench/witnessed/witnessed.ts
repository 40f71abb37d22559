// The bench's witnessed part (issue 11): what cosigning costs and how far it lags. Two nodes on this machine, one
// with no witnesses (`quorum none`) and one with 3 witnesses under a 2-of-3 policy (./network.ts), take the same
// payments load (the hostile part's PaymentLoad: 16 connections of signed payments, with its health probe) in
// alternating windows, so that a slow moment of the shared machine does not fall on one side of the ratio only.
// Beside each window a sampler times payments from their 201 to their witnessed receipt (./lag.ts); after each
// window the part waits for those samples, so that the witnesses' catching up never weighs on the other node's
// next window. Then the log's proof routes are timed on a chain of 100,000 blocks (./log-routes.ts).
// Settings (README "Speed"): BENCH_WITNESSED=0 skips it, BENCH_WITNESSED_SECONDS a window,
// BENCH_WITNESSED_ROUNDS the rounds, BENCH_WITNESSED_BLOCKS the long chain's blocks (0 skips the routes'
// timing), BENCH_WITNESSED_REQUESTS the requests per route.
import { PaymentLoad, type WindowFigures } from "../hostile/measure";
import { median, wholeNumberSetting } from "../support";
import { LagSampler, type LagFigures } from "./lag";
import { benchLogRoutes, type LogRoutesResult } from "./log-routes";
import { startPlainNode, startWitnessedNode, type BenchNode } from "./network";

export type WitnessedOptions = { seconds: number; rounds: number; blocks: number; requests: number };

export const witnessCount = 3;
export const witnessQuorum = 2;
/** One lag sample this often in every window, on both set-ups. */
const lagSampleEveryMs = 250;

export type WitnessedRound = { plain: WindowFigures; witnessed: WindowFigures };

export type WitnessedResult = {
  options: WitnessedOptions;
  witnesses: number;
  quorum: number;
  rounds: WitnessedRound[];
  plainPaymentsPerSecond: number;
  witnessedPaymentsPerSecond: number;
  /** Witnessed ÷ plain payments/s (medians of the rounds): the goal is ≥ 0.9. */
  ratio: number;
  /** From a payment's 201 to its witnessed receipt, under the load, with 3 witnesses at 2-of-3. */
  lag: LagFigures;
  /** The same with no witnesses: how long the node takes to sign a checkpoint covering the payment. */
  plainLag: LagFigures;
  /** The witnessed node at the end of its last window: its log's size and its newest witnessed checkpoint's. */
  endState: { logSize: number | null; witnessedSize: number | null };
  logRoutes: LogRoutesResult | null;
};

/** The witnessed node's log size and the size of its newest witnessed checkpoint (null: none, or no answer). */
async function endStateOf(url: string): Promise<WitnessedResult["endState"]> {
  const read = async (route: string) => {
    try {
      const answer = await fetch(`${url}${route}`, { signal: AbortSignal.timeout(10_000) });
      return { status: answer.status, text: await answer.text() };
    } catch {
      return { status: 0, text: "" };
    }
  };
  const node = await read("/api/node");
  const checkpoint = await read("/api/log/checkpoint");
  const logSize =
    node.status === 200 ? ((JSON.parse(node.text) as { log?: { size?: number } }).log?.size ?? null) : null;
  const witnessedSize = checkpoint.status === 200 ? Number(checkpoint.text.split("\n")[1]) : null;
  return { logSize, witnessedSize: Number.isSafeInteger(witnessedSize) ? witnessedSize : null };
}

/** The witnessed part's settings from the environment, or null when BENCH_WITNESSED=0 turns it off. */
export function witnessedOptionsFromEnvironment(): WitnessedOptions | null {
  if (process.env.BENCH_WITNESSED === "0") return null;
  return {
    seconds: wholeNumberSetting("BENCH_WITNESSED_SECONDS", 6, 1),
    rounds: wholeNumberSetting("BENCH_WITNESSED_ROUNDS", 3, 1),
    blocks: wholeNumberSetting("BENCH_WITNESSED_BLOCKS", 100_000, 0),
    requests: wholeNumberSetting("BENCH_WITNESSED_REQUESTS", 500, 1),
  };
}

/** One window of the load on `load`'s node, with the lag sampler beside it; resolves once every sample ended. */
async function sampledWindow(load: PaymentLoad, sampler: LagSampler, seconds: number): Promise<WindowFigures> {
  const sampling = sampler.start(lagSampleEveryMs);
  const figures = await load.window(seconds);
  await sampling.stop();
  return figures;
}

async function measureThroughput(
  plain: BenchNode,
  witnessed: BenchNode,
  options: WitnessedOptions,
): Promise<Omit<WitnessedResult, "options" | "logRoutes" | "endState">> {
  const plainLoad = await PaymentLoad.prepare(plain.server);
  const witnessedLoad = await PaymentLoad.prepare(witnessed.server);
  const plainSampler = await LagSampler.prepare(plain.server);
  const witnessedSampler = await LagSampler.prepare(witnessed.server);
  const rounds: WitnessedRound[] = [];
  for (let round = 0; round < options.rounds; round++) {
    // Which set-up goes first alternates too: the first window of a round follows the other's catching up.
    if (round % 2 === 0) {
      const plainFigures = await sampledWindow(plainLoad, plainSampler, options.seconds);
      rounds.push({
        plain: plainFigures,
        witnessed: await sampledWindow(witnessedLoad, witnessedSampler, options.seconds),
      });
    } else {
      const witnessedFigures = await sampledWindow(witnessedLoad, witnessedSampler, options.seconds);
      rounds.push({
        plain: await sampledWindow(plainLoad, plainSampler, options.seconds),
        witnessed: witnessedFigures,
      });
    }
  }
  const plainPaymentsPerSecond = median(rounds.map((round) => round.plain.paymentsPerSecond));
  const witnessedPaymentsPerSecond = median(rounds.map((round) => round.witnessed.paymentsPerSecond));
  return {
    witnesses: witnessCount,
    quorum: witnessQuorum,
    rounds,
    plainPaymentsPerSecond,
    witnessedPaymentsPerSecond,
    ratio: witnessedPaymentsPerSecond / plainPaymentsPerSecond,
    lag: witnessedSampler.figures(),
    plainLag: plainSampler.figures(),
  };
}

export async function benchWitnessed(options: WitnessedOptions): Promise<WitnessedResult> {
  const witnessed = await startWitnessedNode(witnessCount, witnessQuorum);
  let throughput: Omit<WitnessedResult, "options" | "logRoutes" | "endState">;
  let endState: WitnessedResult["endState"];
  try {
    const plain = await startPlainNode();
    try {
      throughput = await measureThroughput(plain, witnessed, options);
      endState = await endStateOf(witnessed.server.url);
    } finally {
      await plain.stop();
    }
  } finally {
    await witnessed.stop();
  }
  const logRoutes = options.blocks > 0 ? await benchLogRoutes(options.blocks, options.requests) : null;
  return { options, ...throughput, endState, logRoutes };
}
