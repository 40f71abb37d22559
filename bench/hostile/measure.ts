// How the hostile part measures one attack: on one server, rounds of a quiet window and then the same window
// with the attack running, each window a steady load of signed payments (autocannon, as the scale-out part runs
// it) with an open-loop health probe beside it. The figures are the rounds' medians, and the ratios compare the
// two kinds of window of one run on one server, so that the machine's speed cancels out.
import type { RunningServer } from "../../tests/support/server";
import { runTogether } from "../scale-out";
import { fund, makeWallet, median, signPayment, type Wallet } from "../support";
import { probeHealth, type HealthProbeResult } from "./health-probe";

/** An attack that can be started and stopped between windows, saying at each stop what it did meanwhile. */
export type Attack = {
  /** Resolves once the attack is at full strength (for streams: once every connection is answered or given up). */
  start: () => Promise<void>;
  /** Ends the attack and waits for what it has in flight, so that the next quiet window starts quiet. */
  stop: () => Promise<AttackReport>;
};

/** What an attack did in one round: a line for the table, and its figures for bench/results/latest.json. */
export type AttackReport = { summary: string; figures: Record<string, number> };

export type WindowFigures = {
  paymentsPerSecond: number;
  paymentsP99Ms: number;
  /** Non-2xx answers and connection errors of the payments load, the tail after the window included. */
  paymentsNon2xx: number;
  health: HealthProbeResult;
};

export type HostileRound = { quiet: WindowFigures; underAttack: WindowFigures; attack: AttackReport };

export type Medians = { paymentsPerSecond: number; healthP99Ms: number };

export type AttackMeasurement = {
  rounds: HostileRound[];
  quiet: Medians;
  underAttack: Medians;
  /** Under attack ÷ quiet: 1 is unharmed; the goal is ≥ 0.5. */
  paymentsRatio: number;
  /** Quiet ÷ under attack, so that it reads like the payments ratio: 0.5 means the p99 doubled. */
  healthP99Ratio: number;
};

/** Payments at this many connections: a steady load that leaves the machine some room for the attack. */
export const paymentConnections = 16;
const payerCount = 256;
const warmUpPayments = 3_000;

/** A funded set of payers on one server, and what its payments load looks like when the node is quiet. */
export class PaymentLoad {
  private readonly server: RunningServer;
  private readonly payers: Wallet[];
  private readonly payee = makeWallet().publicKey;
  /** The fastest rate seen yet (the warm-up's, or a quiet window's): it sizes the next window's bodies. */
  private fastestRate = 0;
  private next = 0;

  private constructor(server: RunningServer, payers: Wallet[]) {
    this.server = server;
    this.payers = payers;
  }

  /** Funds the payers and warms the server up (JIT, pools); the warm-up's rate sizes the first window's bodies. */
  static async prepare(server: RunningServer): Promise<PaymentLoad> {
    const payers = Array.from({ length: payerCount }, makeWallet);
    await fund([server], payers);
    const load = new PaymentLoad(server, payers);
    const warmUp = await runTogether([
      { url: server.url, connections: paymentConnections, bodies: load.bodies(warmUpPayments) },
    ]);
    await probeHealth(server.url, 1);
    load.fastestRate = warmUp.paymentsPerSecond;
    return load;
  }

  /** Fresh signed payments: a body sent twice would be an idempotent replay, not a payment. */
  bodies(count: number): string[] {
    return Array.from({ length: count }, () =>
      JSON.stringify(signPayment(this.payers[this.next++ % this.payers.length]!, this.payee)),
    );
  }

  /** One window: payments and the health probe together, for `seconds`. */
  async window(seconds: number): Promise<WindowFigures> {
    // Twice what the quiet node answers, so that the load never runs out of bodies inside the window.
    const bodies = this.bodies(Math.ceil(this.fastestRate * (seconds + 1) * 2) + 500);
    const [payments, health] = await Promise.all([
      runTogether([{ url: this.server.url, connections: paymentConnections, bodies }], seconds),
      probeHealth(this.server.url, seconds),
    ]);
    this.fastestRate = Math.max(this.fastestRate, payments.paymentsPerSecond);
    return {
      paymentsPerSecond: payments.paymentsPerSecond,
      paymentsP99Ms: payments.p99Ms,
      paymentsNon2xx: payments.non2xx,
      health,
    };
  }
}

function mediansOf(windows: readonly WindowFigures[]): Medians {
  return {
    paymentsPerSecond: median(windows.map((window) => window.paymentsPerSecond)),
    healthP99Ms: median(windows.map((window) => window.health.p99Ms)),
  };
}

/** Rounds of a quiet window then an attacked one, alternating so that a slow moment does not fall on one side. */
export async function measureAttack(
  load: PaymentLoad,
  attack: Attack,
  options: { seconds: number; rounds: number },
): Promise<AttackMeasurement> {
  const rounds: HostileRound[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const quiet = await load.window(options.seconds);
    await attack.start();
    const underAttack = await load.window(options.seconds);
    rounds.push({ quiet, underAttack, attack: await attack.stop() });
  }
  const quiet = mediansOf(rounds.map((round) => round.quiet));
  const underAttack = mediansOf(rounds.map((round) => round.underAttack));
  return {
    rounds,
    quiet,
    underAttack,
    paymentsRatio: underAttack.paymentsPerSecond / quiet.paymentsPerSecond,
    healthP99Ratio: quiet.healthP99Ms / underAttack.healthP99Ms,
  };
}
