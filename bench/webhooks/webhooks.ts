// The bench's webhooks part (issue 12): what a dead merchant endpoint costs the payments. Two nodes on this
// machine take the same payments load (16 connections of signed payments, as the hostile and witnessed parts
// run it) in alternating windows: one with no endpoint, and one whose payee has two dead endpoints registered, a
// port that accepts connections and never answers and a port that refuses them, so that every payment writes two
// outbox rows that the delivery loop can never deliver. The goal: payments/s with them ≥ 0.9 of without.
// Settings (README "Speed"): BENCH_WEBHOOKS=0 skips it, BENCH_WEBHOOKS_SECONDS a window, BENCH_WEBHOOKS_ROUNDS
// the rounds.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { webhookRecords } from "../../lib/db/records/webhook-endpoints";
import { rawQuery } from "../../tests/support/database";
import { freePort, startServer, type RunningServer } from "../../tests/support/server";
import { paymentConnections } from "../hostile/measure";
import { runTogether } from "../scale-out";
import {
  alternatingRounds,
  benchChainId,
  benchFaucetEnvironment,
  fund,
  makeWallet,
  signPayment,
  windowOptionsFromEnvironment,
  median,
} from "../support";

export type WebhooksOptions = { seconds: number; rounds: number };

export type WebhooksWindow = { paymentsPerSecond: number; p99Ms: number; non2xx: number };

export type WebhooksRound = { plain: WebhooksWindow; hooked: WebhooksWindow };

export type WebhooksResult = {
  options: WebhooksOptions;
  rounds: WebhooksRound[];
  plainPaymentsPerSecond: number;
  hookedPaymentsPerSecond: number;
  /**
   * With the dead endpoints ÷ without: the median of the rounds' own ratios (each round's two windows ran back to
   * back, so a slower stretch of the shared machine, or the chains growing, falls on both sides of one ratio). The
   * goal is ≥ 0.9.
   */
  ratio: number;
  /** The hooked node's outbox at the end: rows by status, and the attempts made in all. */
  outbox: { rows: number; pending: number; attempts: number };
};

const payerCount = 256;
const warmUpPayments = 3_000;

export function webhooksOptionsFromEnvironment(): WebhooksOptions | null {
  return windowOptionsFromEnvironment("WEBHOOKS", { seconds: 5, rounds: 7 });
}

/** A port that accepts every connection and never sends a byte: the worst endpoint, held for the whole timeout. */
async function startSilentPort(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

type Node = { server: RunningServer; databaseUrl: string; payee: string; bodies: (count: number) => string[] };

async function startNode(name: string): Promise<Node & { dataDir: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `chainpay-bench-${name}-`));
  const databaseUrl = `file:${path.join(dataDir, "chainpay.db")}`;
  const server = await startServer({
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    CHAIN_ID: benchChainId,
    ...benchFaucetEnvironment,
    SEAL_DELAY_MS: "",
    // The dead endpoints are on loopback.
    WEBHOOKS_ALLOW_PRIVATE: "1",
  });
  const payers = Array.from({ length: payerCount }, makeWallet);
  await fund([server], payers);
  const payee = makeWallet().publicKey;
  let next = 0;
  const bodies = (count: number) =>
    Array.from({ length: count }, () => JSON.stringify(signPayment(payers[next++ % payers.length]!, payee)));
  return { server, databaseUrl, payee, bodies, dataDir };
}

async function window(node: Node, seconds: number, fastestRate: number): Promise<WebhooksWindow> {
  // Twice what the quiet node answers, so that the load never runs out of bodies inside the window.
  const bodies = node.bodies(Math.ceil(fastestRate * (seconds + 1) * 2) + 500);
  const round = await runTogether([{ url: node.server.url, connections: paymentConnections, bodies }], seconds);
  return { paymentsPerSecond: round.paymentsPerSecond, p99Ms: round.p99Ms, non2xx: round.non2xx };
}

export async function benchWebhooks(options: WebhooksOptions): Promise<WebhooksResult> {
  const silent = await startSilentPort();
  const refusedUrl = `http://127.0.0.1:${await freePort()}/hooks`;
  const plain = await startNode("webhooks-plain").catch(async (error: unknown) => {
    await silent.close();
    throw error;
  });
  const hooked = await startNode("webhooks-dead").catch(async (error: unknown) => {
    await Promise.all([plain.server.stop(), silent.close()]);
    throw error;
  });
  try {
    const records = webhookRecords(hooked.databaseUrl);
    for (const url of [silent.url, refusedUrl]) {
      const created = await records.create({ account: hooked.payee, url, nowMs: Date.now() });
      if (!created.ok) throw new Error(`the bench's endpoint was refused (${created.limit})`);
    }
    let fastestRate = 0;
    for (const node of [plain, hooked]) {
      const warmUp = await runTogether([
        { url: node.server.url, connections: paymentConnections, bodies: node.bodies(warmUpPayments) },
      ]);
      fastestRate = Math.max(fastestRate, warmUp.paymentsPerSecond);
    }
    const rounds: WebhooksRound[] = (
      await alternatingRounds(options.rounds, fastestRate, (side, rate) =>
        window(side === 0 ? plain : hooked, options.seconds, rate),
      )
    ).map(([plainWindow, hookedWindow]) => ({ plain: plainWindow, hooked: hookedWindow }));
    const outbox = await outboxOf(hooked.databaseUrl);
    const plainPaymentsPerSecond = median(rounds.map((round) => round.plain.paymentsPerSecond));
    const hookedPaymentsPerSecond = median(rounds.map((round) => round.hooked.paymentsPerSecond));
    return {
      options,
      rounds,
      plainPaymentsPerSecond,
      hookedPaymentsPerSecond,
      ratio: median(rounds.map((round) => round.hooked.paymentsPerSecond / round.plain.paymentsPerSecond)),
      outbox,
    };
  } finally {
    await Promise.all([plain.server.stop(), hooked.server.stop()]);
    await silent.close();
    for (const node of [plain, hooked]) rmSync(node.dataDir, { recursive: true, force: true });
  }
}

async function outboxOf(databaseUrl: string): Promise<WebhooksResult["outbox"]> {
  const [row] = await rawQuery<{ rows: bigint; pending: bigint; attempts: bigint | null }>(
    databaseUrl,
    `SELECT count(*) AS "rows", sum(CASE WHEN "status" = 'pending' THEN 1 ELSE 0 END) AS "pending", sum("attempts") AS "attempts" FROM "WebhookDelivery"`,
  );
  return { rows: Number(row?.rows ?? 0), pending: Number(row?.pending ?? 0), attempts: Number(row?.attempts ?? 0) };
}
