// `npm run bench`: the node's speed, measured in one run on this machine and reported as ratios.
// It starts the production server on a fresh database and drives it over loopback with autocannon; every
// payment is signed before the timed part. Then the scale-out part (./scale-out.ts): one instance on SQLite, one
// on PostgreSQL and three on one PostgreSQL database; the explorer's pages on a seeded chain; and the hostile part
// (./hostile/): what each attack of issue 10 leaves of the quiet figures; and the witnessed part (./witnessed/):
// payments/s with 3 witnesses against none, the witnessed lag and the log's proof routes on 100,000 blocks; and the
// webhooks part (./webhooks/): payments/s with dead merchant endpoints against none; and the workers part
// (./workers/): payments/s with two server processes against one; and the batch part (./batch/): the batch route
// against the raw verify rate for the same kind of keys. See README "Speed" for what the figures
// mean and the targets.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startServer } from "../tests/support/server";
import { load, medianRound, type LoadResult } from "./load";
import { rawVerifyRate } from "./raw-verify";
import { buildIfNeeded } from "../scripts/build-if-needed";
import { auditScaleLines, benchAuditScale } from "./audit-scale";
import { benchExplorer, explorerLines } from "./explorer";
import { benchHostile, hostileOptionsFromEnvironment } from "./hostile/hostile";
import { hostileLines } from "./hostile/report";
import { benchScaleOut, type ScaleOutResult } from "./scale-out";
import { witnessedLines } from "./witnessed/report";
import { benchWitnessed, witnessedOptionsFromEnvironment } from "./witnessed/witnessed";
import { webhooksLines } from "./webhooks/report";
import { benchWebhooks, webhooksOptionsFromEnvironment } from "./webhooks/webhooks";
import { batchLines } from "./batch/report";
import { batchOptionsFromEnvironment, benchBatch } from "./batch/batch";
import { workersLines } from "./workers/report";
import { benchWorkers, workersOptionsFromEnvironment } from "./workers/workers";
import {
  format,
  benchChainId as chainId,
  benchFaucetEnvironment,
  fund,
  makeWallet,
  postJson,
  signPayment,
} from "./support";

const adminToken = "bench-admin-token-0123456789abcdef";
const connectionLevels = [1, 16, 64];
const secondsPerLevel = Number(process.env.BENCH_SECONDS ?? 9);
const auditPayments = Number(process.env.BENCH_AUDIT_PAYMENTS ?? 100_000);
const explorerPayments = Number(process.env.BENCH_EXPLORER_PAYMENTS ?? 1_000_000);
const explorerHotPayments = Number(process.env.BENCH_EXPLORER_HOT_PAYMENTS ?? 0);
// Opt-in: a chain this long audited twice takes minutes (2,000,000 payments: about seven).
const auditScalePayments = Number(process.env.BENCH_AUDIT_SCALE_PAYMENTS ?? 0);
const batchSize = 500;
const rounds = 3;
const batchConnections = 4;
const isScaleOutOn = process.env.BENCH_SCALE_OUT !== "0";
// Read here, so that a bad setting fails the bench at once rather than after its other parts.
const hostileOptions = hostileOptionsFromEnvironment();
const witnessedOptions = witnessedOptionsFromEnvironment();
const webhooksOptions = webhooksOptionsFromEnvironment();
const workersOptions = workersOptionsFromEnvironment();
const batchOptions = batchOptionsFromEnvironment();

function printScaleOut(result: ScaleOutResult | null): void {
  if (result === null) {
    console.log("skipped (BENCH_SCALE_OUT=0)");
    return;
  }
  if ("skipped" in result) {
    console.log(`skipped, PostgreSQL is not available here: ${result.skipped}`);
    return;
  }
  const three = result.setUps.find((setUp) => setUp.instances === 3)!;
  console.log(
    [
      `${rounds} rounds of ${format(result.roundSeconds, 1)} s a set-up, the median round shown; a fresh chain each, audited at the end`,
      "| set-up | instances | payments/s (median round) | p50 ms | p99 ms | non-2xx (all rounds) | audit ok |",
      "|---|---:|---:|---:|---:|---:|---|",
      ...result.setUps.map(
        (setUp) =>
          `| ${setUp.database} | ${setUp.instances} | ${format(setUp.median.paymentsPerSecond)} | ${format(setUp.median.p50Ms)} | ${format(setUp.median.p99Ms)} | ` +
          `${setUp.rounds.reduce((sum, round) => sum + round.non2xx, 0)} | ${setUp.audit.ok ? `yes (${format(setUp.audit.transactions)} tx)` : "NO"} |`,
      ),
      "",
      `PostgreSQL 1 instance ÷ SQLite: ${format(result.postgresOverSqlite, 2)}`,
      `PostgreSQL 3 instances ÷ 1 instance: ${format(result.threeOverOne, 2)}`,
      `(3 instances, per instance in the median round: ${three.median.perInstance.map((rate) => format(rate)).join(" / ")} payments/s at ${three.connections.join(" / ")} connections)`,
    ].join("\n"),
  );
}

/** A fork or an overdraft in a scale-out set-up fails the bench, once the figures are printed. */
function assertScaleOutAudited(result: ScaleOutResult | null): void {
  if (result === null || "skipped" in result) return;
  const failed = result.setUps.find((setUp) => !setUp.audit.ok);
  if (failed !== undefined)
    throw new Error(
      `scale-out: the audit of ${failed.instances} × ${failed.database} failed: ${JSON.stringify(failed.audit.firstBad)}`,
    );
}

async function main() {
  buildIfNeeded();
  const dataDir = mkdtempSync(path.join(tmpdir(), "chainpay-bench-"));
  const server = await startServer({
    DATA_DIR: dataDir,
    CHAIN_ID: chainId,
    ADMIN_TOKEN: adminToken,
    ...benchFaucetEnvironment,
  });
  try {
    console.log(`chainpay bench: server on ${server.url}, data in ${dataDir}, ${secondsPerLevel} s per level`);
    const payers = Array.from({ length: 256 }, makeWallet);
    await fund([server], payers);
    const payee = makeWallet().publicKey;
    let payerIndex = 0;
    const nextPayment = () => JSON.stringify(signPayment(payers[payerIndex++ % payers.length]!, payee));

    // Warm both routes up (JIT, caches) so that the first level measures the steady state, not compilation.
    await load(`${server.url}/api/health`, 64, 4_000);
    await load(`${server.url}/api/payments`, 64, 4_000, Array.from({ length: 4_000 }, nextPayment));

    // The machine is shared and noisy: health and payments are measured in alternating rounds, and each figure
    // is the median round, so that a slow moment does not fall on one side of the ratio only.
    const health: LoadResult[] = [];
    const payments: LoadResult[] = [];
    const at64 = (list: LoadResult[]) => list.find((item) => item.connections === 64)!;
    for (const connections of connectionLevels) {
      const healthProbe = await load(`${server.url}/api/health`, connections, 300);
      const paymentProbe = await load(
        `${server.url}/api/payments`,
        connections,
        200,
        Array.from({ length: 200 }, nextPayment),
      );
      const healthRounds: LoadResult[] = [];
      const paymentRounds: LoadResult[] = [];
      for (let round = 0; round < rounds; round++) {
        const healthCount = Math.ceil((healthProbe.requestsPerSecond * secondsPerLevel) / rounds);
        healthRounds.push(await load(`${server.url}/api/health`, connections, healthCount));
        const paymentCount = Math.ceil((paymentProbe.requestsPerSecond * secondsPerLevel) / rounds);
        paymentRounds.push(
          await load(
            `${server.url}/api/payments`,
            connections,
            paymentCount,
            Array.from({ length: paymentCount }, nextPayment),
          ),
        );
      }
      health.push(medianRound(healthRounds));
      payments.push(medianRound(paymentRounds));
    }

    // Latency at 64 connections from one long run each: every short round above starts by opening 64
    // connections at once, and that burst alone weighs on a round's p99; a long run shows the steady state.
    const latencyCount = (rate: number) => Math.max(8_000, Math.ceil(rate * 12));
    const healthLatency = await load(`${server.url}/api/health`, 64, latencyCount(at64(health).requestsPerSecond));
    const paymentCount = latencyCount(at64(payments).requestsPerSecond);
    const latencyBodies = Array.from({ length: paymentCount }, nextPayment);
    const paymentLatency = await load(`${server.url}/api/payments`, 64, paymentCount, latencyBodies);

    // A payment sent again (a retry after a lost answer) is answered from what was stored: 200 with its receipt.
    // What that costs is a read, and it must stay cheaper than a new payment however large the blocks are.
    const resubmitted = await load(`${server.url}/api/payments`, 64, paymentCount, latencyBodies);

    // Batches of 500 over a few connections: what merchants and payout jobs send.
    const batchCount = 40;
    const batches = Array.from({ length: batchCount }, () =>
      JSON.stringify({ payments: Array.from({ length: batchSize }, () => JSON.parse(nextPayment()) as unknown) }),
    );
    const batch = await load(`${server.url}/api/payments/batch`, batchConnections, batchCount, batches);
    const batchPaymentsPerSecond = batch.requestsPerSecond * batchSize;
    // The same batches again: every item is already recorded, so each is answered with its stored receipt.
    const replayedBatch = await load(`${server.url}/api/payments/batch`, batchConnections, batchCount, batches);
    const replayedBatchPaymentsPerSecond = replayedBatch.requestsPerSecond * batchSize;

    const verifyRate = await rawVerifyRate();

    // Fill the chain up to auditPayments payments through the batch route, then time the full audit.
    const headBefore = (await (await fetch(`${server.url}/api/node`)).json()) as {
      head: { header: { height: number } };
    };
    let recorded =
      payments.reduce((sum, level) => sum + (level.statusCounts["201"] ?? 0), 0) +
      batchCount * batchSize +
      4_000 +
      paymentCount;
    while (recorded < auditPayments) {
      const size = Math.min(1_000, auditPayments - recorded);
      const body = { payments: Array.from({ length: size }, () => JSON.parse(nextPayment()) as unknown) };
      const response = await postJson(`${server.url}/api/payments/batch`, body);
      if (response.status !== 200) throw new Error(`batch answered ${response.status}`);
      recorded += size;
    }
    const auditStarted = performance.now();
    const audit = await fetch(`${server.url}/api/admin/audit`, { headers: { authorization: `Bearer ${adminToken}` } });
    const auditBody = (await audit.json()) as { ok: boolean; blocks: number; transactions: number };
    const auditSeconds = (performance.now() - auditStarted) / 1000;
    if (!auditBody.ok) throw new Error("the audit failed on the benchmark's own chain");
    const auditRate = auditBody.transactions / auditSeconds;

    const ratio = at64(payments).requestsPerSecond / at64(health).requestsPerSecond;
    const lines = [
      "",
      "| route | connections | requests/s (median round) | p50 ms | p99 ms (that round) | non-2xx |",
      "|---|---:|---:|---:|---:|---:|",
      ...health.map(
        (item) =>
          `| GET /api/health | ${item.connections} | ${format(item.requestsPerSecond)} | ${item.p50Ms} | ${item.p99Ms} | ${item.errors} |`,
      ),
      ...payments.map(
        (item) =>
          `| POST /api/payments | ${item.connections} | ${format(item.requestsPerSecond)} | ${item.p50Ms} | ${item.p99Ms} | ${item.errors} |`,
      ),
      `| POST /api/payments/batch (${batchSize} a batch) | ${batchConnections} | ${format(batch.requestsPerSecond, 1)} batches = ${format(batchPaymentsPerSecond)} payments/s | ${batch.p50Ms} | ${batch.p99Ms} | ${batch.errors} |`,
      "",
      `payments/s ÷ health/s at 64 connections: ${format(ratio, 2)} (target ≥ 0.70)`,
      `p99 at 64 connections over one long run: payments ${paymentLatency.p99Ms} ms (p50 ${paymentLatency.p50Ms}, ${format(paymentLatency.requestsPerSecond)}/s, target < 250 ms), health ${healthLatency.p99Ms} ms (p50 ${healthLatency.p50Ms}, ${format(healthLatency.requestsPerSecond)}/s)`,
      `batch route: ${format(batchPaymentsPerSecond)} payments/s (target ≥ 5,000; ${format(batchPaymentsPerSecond / verifyRate, 2)} of the raw verify rate with a key import each; the batch part below compares like with like)`,
      `resubmitted payments (already recorded, 200) at 64 connections: ${format(resubmitted.requestsPerSecond)}/s = ${format(resubmitted.requestsPerSecond / at64(health).requestsPerSecond, 2)} of health (p50 ${resubmitted.p50Ms} ms, non-2xx ${resubmitted.errors})`,
      `replayed batches (every item already recorded): ${format(replayedBatchPaymentsPerSecond)} payments/s (p50 ${replayedBatch.p50Ms} ms, non-2xx ${replayedBatch.errors})`,
      `raw Ed25519 verify, all cores (worker pool): ${format(verifyRate)} /s`,
      `audit of ${format(auditBody.transactions)} transactions in ${format(auditBody.blocks)} blocks: ${format(auditSeconds, 2)} s = ${format(auditRate)} tx/s (${format(auditRate / verifyRate, 2)} of the raw verify rate, target ≥ 0.50)`,
      `(chain grew from height ${headBefore.head.header.height} while filling for the audit)`,
    ];
    console.log(lines.join("\n"));
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    console.log(
      `\nscale-out: POST /api/payments at 64 connections in total, split over the instances (BENCH_SCALE_OUT=0 skips):`,
    );
    const scaleOut = isScaleOutOn
      ? await benchScaleOut({ adminToken, seconds: secondsPerLevel, connections: 64, rounds })
      : null;
    printScaleOut(scaleOut);
    assertScaleOutAudited(scaleOut);
    console.log(
      `\nexplorer pages on a seeded chain of ${format(explorerPayments)} payments (BENCH_EXPLORER_PAYMENTS; 0 skips):`,
    );
    const explorer = explorerPayments > 0 ? await benchExplorer(explorerPayments, explorerHotPayments) : null;
    if (explorer !== null) console.log(explorerLines(explorer).join("\n"));
    console.log(
      `\nthe full audit as the chain grows, on ${format(auditScalePayments)} seeded payments (BENCH_AUDIT_SCALE_PAYMENTS; 0 skips):`,
    );
    const auditScale = auditScalePayments > 0 ? await benchAuditScale(auditScalePayments) : null;
    console.log(
      auditScale === null ? "skipped (BENCH_AUDIT_SCALE_PAYMENTS=0)" : auditScaleLines(auditScale).join("\n"),
    );
    console.log(`\nhostile clients (issue 10; BENCH_HOSTILE=0 skips):`);
    const hostile = hostileOptions === null ? null : await benchHostile(hostileOptions);
    console.log(hostile === null ? "skipped (BENCH_HOSTILE=0)" : hostileLines(hostile).join("\n"));
    console.log(`\nwitnessed log (issue 11; BENCH_WITNESSED=0 skips):`);
    const witnessed = witnessedOptions === null ? null : await benchWitnessed(witnessedOptions);
    console.log(witnessed === null ? "skipped (BENCH_WITNESSED=0)" : witnessedLines(witnessed).join("\n"));
    console.log(`\nwebhooks, a dead endpoint registered (issue 12; BENCH_WEBHOOKS=0 skips):`);
    const webhooks = webhooksOptions === null ? null : await benchWebhooks(webhooksOptions);
    console.log(webhooks === null ? "skipped (BENCH_WEBHOOKS=0)" : webhooksLines(webhooks).join("\n"));
    console.log(`\nworkers per core, WEB_CONCURRENCY=2 against 1 (issue 13; BENCH_WORKERS=0 skips):`);
    const workers = workersOptions === null ? null : await benchWorkers(workersOptions);
    console.log(workers === null ? "skipped (BENCH_WORKERS=0)" : workersLines(workers).join("\n"));
    console.log(
      `\nthe batch route against the raw verify rate, the same kind of keys (issue 13; BENCH_BATCH=0 skips):`,
    );
    const batchPart = batchOptions === null ? null : await benchBatch(batchOptions);
    console.log(batchPart === null ? "skipped (BENCH_BATCH=0)" : batchLines(batchPart).join("\n"));
    const resultsDir = path.resolve("bench/results");
    mkdirSync(resultsDir, { recursive: true });
    const report = {
      batchPart,
      at: new Date().toISOString(),
      explorer,
      auditScale,
      scaleOut,
      hostile,
      witnessed,
      webhooks,
      workers,
      healthLatency,
      paymentLatency,
      resubmitted,
      replayedBatch: { ...replayedBatch, paymentsPerSecond: replayedBatchPaymentsPerSecond },
      health,
      payments,
      batch: { ...batch, paymentsPerSecond: batchPaymentsPerSecond },
      verifyRate,
      audit: { ...auditBody, seconds: auditSeconds, rate: auditRate },
      ratio,
    };
    writeFileSync(path.join(resultsDir, "latest.json"), JSON.stringify(report, null, 2));
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
