// The bench's hostile part (issue 10): what one hostile client does to everyone else. Each attack gets its own
// fresh `next start` (so that what one leaves behind, such as memory after 2,000 streams, does not weigh on the
// next one's quiet figures), and on that one server its payments/s and health p99 are measured quiet and under
// attack in alternating rounds. Settings (README "Speed"): BENCH_HOSTILE=0 skips it, BENCH_HOSTILE_SECONDS a
// window, BENCH_HOSTILE_ROUNDS the rounds, BENCH_HOSTILE_STREAMS the stalled streams,
// BENCH_HOSTILE_ACCOUNT_PAYMENTS the hot account's chain (0 skips that attack), and BENCH_HOSTILE_ATTACKS which
// attacks run (a comma-separated list of replay, streams and account; all by default).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startServer, type RunningServer } from "../../tests/support/server";
import { benchChainId, benchFaucetEnvironment, wholeNumberSetting } from "../support";
import { hotAccountAttack, hotAccountOf, seedHotChain, timeHotPageAlone, type HotPageAlone } from "./hot-account";
import { measureAttack, PaymentLoad, type Attack, type AttackMeasurement } from "./measure";
import { replayAttack } from "./replay-attack";
import { stalledStreamsAttack } from "./stalled-streams";

export const hostileAttackNames = ["replay", "streams", "account"] as const;
export type HostileAttackName = (typeof hostileAttackNames)[number];

export type HostileOptions = {
  attacks: HostileAttackName[];
  /** One window, quiet or under attack. */
  seconds: number;
  rounds: number;
  streams: number;
  /** Payments between the hot account and its one peer; 0 skips the hot account. */
  accountPayments: number;
};

export type HostileAttackResult = AttackMeasurement & { name: string };

export type HostileResult = {
  options: HostileOptions;
  attacks: HostileAttackResult[];
  hotAccount: { payments: number; seedSeconds: number; alone: HotPageAlone } | null;
};

/** The hostile part's settings from the environment, or null when BENCH_HOSTILE=0 turns it off. */
export function hostileOptionsFromEnvironment(): HostileOptions | null {
  if (process.env.BENCH_HOSTILE === "0") return null;
  const names = (process.env.BENCH_HOSTILE_ATTACKS ?? "").split(",").filter((name) => name !== "");
  const unknown = names.find((name) => !(hostileAttackNames as readonly string[]).includes(name));
  if (unknown !== undefined)
    throw new Error(`BENCH_HOSTILE_ATTACKS: "${unknown}" is none of ${hostileAttackNames.join(", ")}`);
  return {
    attacks: names.length === 0 ? [...hostileAttackNames] : (names as HostileAttackName[]),
    seconds: wholeNumberSetting("BENCH_HOSTILE_SECONDS", 5, 1),
    rounds: wholeNumberSetting("BENCH_HOSTILE_ROUNDS", 3, 1),
    streams: wholeNumberSetting("BENCH_HOSTILE_STREAMS", 2_000, 1),
    accountPayments: wholeNumberSetting("BENCH_HOSTILE_ACCOUNT_PAYMENTS", 1_000_000, 0),
  };
}

/** A node as the rest of the bench starts one: a faucet generous enough to fund the payers, at any pace. */
function serve(dataDir: string): Promise<RunningServer> {
  return startServer({
    DATA_DIR: dataDir,
    // Explicit, so that a DATABASE_URL in the shell running the bench cannot point the node elsewhere.
    DATABASE_URL: `file:${path.join(dataDir, "chainpay.db")}`,
    CHAIN_ID: benchChainId,
    ...benchFaucetEnvironment,
    SEAL_DELAY_MS: "",
  });
}

/** Serves `dataDir`, prepares the payments load, measures the attack it builds, and removes the directory. */
async function onServer<T>(dataDir: string, run: (server: RunningServer, load: PaymentLoad) => Promise<T>): Promise<T> {
  try {
    const server = await serve(dataDir);
    try {
      return await run(server, await PaymentLoad.prepare(server));
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const freshDataDir = () => mkdtempSync(path.join(tmpdir(), "chainpay-bench-hostile-"));

export async function benchHostile(options: HostileOptions): Promise<HostileResult> {
  const attacks: HostileAttackResult[] = [];
  const measured = async (name: string, load: PaymentLoad, attack: Attack) => {
    console.log(`hostile: ${name}…`);
    const result = { name, ...(await measureAttack(load, attack, options)) };
    attacks.push(result);
    return result;
  };
  if (options.attacks.includes("replay"))
    await onServer(freshDataDir(), async (server, load) =>
      measured("4 concurrent replays of a 1,000-item batch", load, await replayAttack(server, load)),
    );
  if (options.attacks.includes("streams"))
    await onServer(freshDataDir(), (server, load) =>
      measured(
        `${options.streams.toLocaleString("en-US")} stalled event streams`,
        load,
        stalledStreamsAttack(server, options.streams),
      ),
    );
  if (options.accountPayments === 0 || !options.attacks.includes("account"))
    return { options, attacks, hotAccount: null };
  console.log(`hostile: seeding ${options.accountPayments.toLocaleString("en-US")} payments between 2 accounts…`);
  const { dataDir, seedSeconds } = seedHotChain(options.accountPayments);
  const hotAccount = await onServer(dataDir, async (server, load) => {
    const account = await hotAccountOf(server);
    const alone = await timeHotPageAlone(server, account);
    await measured(
      `4 concurrent readers of a ${options.accountPayments.toLocaleString("en-US")}-payment account`,
      load,
      hotAccountAttack(server, account),
    );
    return { payments: options.accountPayments, seedSeconds, alone };
  });
  return { options, attacks, hotAccount };
}
