// The bench's scale-out part: POST /api/payments at one number of connections in total on one `next start` over
// SQLite, one over PostgreSQL, and three over one PostgreSQL database (connections split evenly, one autocannon run
// per instance, all in one timed window), each set-up on a fresh chain audited at the end.
import autocannon from "autocannon";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AuditResult } from "../lib/ledger/audit";
import { createTestDatabase, findPostgresBinDir, startPostgresServer } from "../scripts/postgres-server";
import { startServer, type RunningServer } from "../tests/support/server";
import { benchChainId, benchFaucetEnvironment, fund, makeWallet, signPayment } from "./support";

export type ScaleOutOptions = {
  adminToken: string;
  /** Timed seconds per set-up, split evenly over the rounds. */
  seconds: number;
  /** In total: split evenly over a set-up's instances. */
  connections: number;
  rounds: number;
};

export type ScaleOutRound = {
  /** 201s answered inside the window, per second of window, summed over the instances. */
  paymentsPerSecond: number;
  perInstance: number[];
  /** Of the responses inside the window, over all instances. */
  p50Ms: number;
  p99Ms: number;
  /** Non-2xx answers and connection errors over the whole run, the tail after the window included. */
  non2xx: number;
  statusCounts: Record<string, number>;
};

export type ScaleOutSetUp = {
  database: "SQLite" | "PostgreSQL";
  instances: number;
  connections: number[];
  rounds: ScaleOutRound[];
  median: ScaleOutRound;
  audit: AuditResult;
};

export type ScaleOutResult =
  | { skipped: string }
  | { roundSeconds: number; setUps: ScaleOutSetUp[]; postgresOverSqlite: number; threeOverOne: number };

type SetUpPlan = { database: ScaleOutSetUp["database"]; instances: number };
export type Target = { url: string; connections: number; bodies: string[] };
type Tally = { created: number; latenciesMs: number[]; lastInWindowMs: number; lastMs: number; responses: number };
type Run = { tally: Tally; stop: () => void; finished: Promise<autocannon.Result> };

const plans: SetUpPlan[] = [
  { database: "SQLite", instances: 1 },
  { database: "PostgreSQL", instances: 1 },
  { database: "PostgreSQL", instances: 3 },
];
const payersPerSetUp = 256;
// Per instance: each process has its own JIT and pools to warm, as much as the single instance's.
const warmUpPaymentsPerInstance = 3_000;

/** Null when PostgreSQL's server binaries are there; otherwise what is missing and how to install it. */
function postgresMissing(): string | null {
  try {
    findPostgresBinDir();
    return null;
  } catch {
    // Not the finder's own message: it offers TEST_POSTGRES_URL, which only the tests read.
    return "its server binaries (initdb, pg_ctl, postgres) are not on PATH nor in /usr/lib/postgresql/*/bin; install them (Debian/Ubuntu: `apt-get install postgresql`) to measure the PostgreSQL set-ups.";
  }
}

export async function benchScaleOut(options: ScaleOutOptions): Promise<ScaleOutResult> {
  const missing = postgresMissing();
  if (missing !== null) return { skipped: missing };
  const postgres = await startPostgresServer();
  try {
    const setUps: ScaleOutSetUp[] = [];
    for (const plan of plans) setUps.push(await benchSetUp(plan, options, postgres.adminUrl));
    const [sqlite, postgresOne, postgresThree] = setUps.map((setUp) => setUp.median.paymentsPerSecond) as [
      number,
      number,
      number,
    ];
    return {
      roundSeconds: options.seconds / options.rounds,
      setUps,
      postgresOverSqlite: postgresOne / sqlite,
      threeOverOne: postgresThree / postgresOne,
    };
  } finally {
    await postgres.stop();
  }
}

/** One set-up on a fresh chain: its instances share one DATA_DIR (one node key) and one DATABASE_URL. */
async function benchSetUp(plan: SetUpPlan, options: ScaleOutOptions, adminUrl: string): Promise<ScaleOutSetUp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "chainpay-bench-scale-out-"));
  try {
    const databaseUrl =
      plan.database === "SQLite"
        ? `file:${path.join(dataDir, "chainpay.db")}`
        : (await createTestDatabase(adminUrl, "chainpay_bench")).url;
    const servers = await startInstances(plan.instances, {
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      CHAIN_ID: benchChainId,
      ADMIN_TOKEN: options.adminToken,
      ...benchFaucetEnvironment,
      // Blank means the default, whatever the shell running the bench has set.
      SEAL_DELAY_MS: "",
    });
    try {
      return await measure(plan, servers, options);
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Starts them all at once; if one fails, waits for the others and stops them before throwing. */
async function startInstances(count: number, environment: Record<string, string>): Promise<RunningServer[]> {
  const settled = await Promise.allSettled(Array.from({ length: count }, () => startServer(environment)));
  const started = settled.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const failure = settled.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failure === undefined) return started;
  await Promise.all(started.map((server) => server.stop()));
  throw failure.reason;
}

async function measure(plan: SetUpPlan, servers: RunningServer[], options: ScaleOutOptions): Promise<ScaleOutSetUp> {
  const payers = Array.from({ length: payersPerSetUp }, makeWallet);
  await fund(servers, payers);
  const payee = makeWallet().publicKey;
  // Fresh bodies for every run: a body sent twice would be an idempotent replay, not a payment.
  const bodies = (count: number) =>
    Array.from({ length: count }, (_, index) => JSON.stringify(signPayment(payers[index % payers.length]!, payee)));
  const connections = splitEvenly(options.connections, servers.length);
  const targets = (counts: number[]) =>
    servers.map((server, index) => ({
      url: server.url,
      connections: connections[index]!,
      bodies: bodies(counts[index]!),
    }));

  // Warm every instance up (JIT, pools); its rate sizes the bodies signed for each timed round.
  const warmUp = await runTogether(targets(servers.map(() => warmUpPaymentsPerInstance)));
  const roundSeconds = options.seconds / options.rounds;
  const budget = (rate: number) => Math.ceil(rate * (roundSeconds + 1) * 2) + 500;
  const rounds: ScaleOutRound[] = [];
  for (let round = 0; round < options.rounds; round++)
    rounds.push(await runTogether(targets(warmUp.perInstance.map(budget)), roundSeconds));
  const median = [...rounds].sort((a, b) => a.paymentsPerSecond - b.paymentsPerSecond)[Math.floor(rounds.length / 2)]!;
  return { ...plan, connections, rounds, median, audit: await auditOf(servers[0]!, options.adminToken) };
}

function splitEvenly(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, index) => Math.floor(total / parts) + (index < total % parts ? 1 : 0));
}

/**
 * One autocannon run per target, started together. With `seconds`, counts what is answered inside one shared
 * window of that length and stops the runs at its end; without, runs until every body is sent.
 */
export async function runTogether(targets: Target[], seconds?: number): Promise<ScaleOutRound> {
  const startedMs = performance.now();
  const endMs = seconds === undefined ? Infinity : startedMs + seconds * 1000;
  const runs = targets.map((target) => startRun(target, endMs));
  const timer = seconds === undefined ? undefined : setTimeout(() => runs.forEach((run) => run.stop()), seconds * 1000);
  const settled = await Promise.allSettled(runs.map((run) => run.finished));
  clearTimeout(timer);
  const results = settled.map((result) => {
    if (result.status === "rejected") throw result.reason;
    return result.value;
  });
  runs.forEach((run, index) => {
    if (seconds !== undefined && run.tally.responses >= targets[index]!.bodies.length && run.tally.lastMs <= endMs) {
      throw new Error(
        `${targets[index]!.url} answered all ${run.tally.responses} pre-signed payments before the window closed`,
      );
    }
  });
  const windowSeconds = (run: Run) => seconds ?? (run.tally.lastInWindowMs - startedMs) / 1000;
  return summarise(
    runs.map((run) => run.tally.created / windowSeconds(run)),
    runs,
    results,
  );
}

/** Starts one autocannon run that sends each of `target.bodies` once, at most. */
function startRun(target: Target, endMs: number): Run {
  const tally: Tally = { created: 0, latenciesMs: [], lastInWindowMs: 0, lastMs: 0, responses: 0 };
  let next = 0;
  let finish: (result: autocannon.Result) => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url: `${target.url}/api/payments`,
      connections: target.connections,
      amount: target.bodies.length,
      method: "POST",
      headers: { "content-type": "application/json" },
      // autocannon ends a stopped run on its next sample tick: a short one ends it soon after the window.
      sampleInt: 100,
      requests: [{ setupRequest: (request) => ({ ...request, body: target.bodies[next++] }) }],
    },
    (error: unknown, result: autocannon.Result) => (error ? fail(error) : finish(result)),
  );
  instance.on("response", (_client, statusCode, _bytes, responseTimeMs) => {
    const atMs = performance.now();
    tally.responses++;
    tally.lastMs = atMs;
    if (atMs > endMs) return;
    tally.lastInWindowMs = atMs;
    if (statusCode !== 201) return;
    tally.created++;
    tally.latenciesMs.push(responseTimeMs);
  });
  return { tally, stop: () => instance.stop(), finished };
}

function summarise(perInstance: number[], runs: Run[], results: autocannon.Result[]): ScaleOutRound {
  const latencies = runs.flatMap((run) => run.tally.latenciesMs).sort((a, b) => a - b);
  const statusCounts: Record<string, number> = {};
  for (const result of results) {
    for (const [code, stats] of Object.entries(result.statusCodeStats ?? {}))
      statusCounts[code] = (statusCounts[code] ?? 0) + Number(stats.count);
  }
  return {
    paymentsPerSecond: perInstance.reduce((sum, rate) => sum + rate, 0),
    perInstance,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    non2xx: results.reduce((sum, result) => sum + result.non2xx + result.errors, 0),
    statusCounts,
  };
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

/** The full audit (signatures, links, Merkle roots, replayed balances): a fork or an overdraft fails it. */
async function auditOf(server: RunningServer, adminToken: string): Promise<AuditResult> {
  const response = await fetch(`${server.url}/api/admin/audit`, { headers: { authorization: `Bearer ${adminToken}` } });
  if (response.status !== 200) throw new Error(`audit answered ${response.status}`);
  return (await response.json()) as AuditResult;
}
