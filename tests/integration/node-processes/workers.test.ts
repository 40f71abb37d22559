// A node served by two workers (WEB_CONCURRENCY=2), on SQLite and on PostgreSQL: a kill -9 of one worker under
// load loses no acknowledged payment and the primary replaces it; payments spread over both workers neither fork
// the chain nor overdraw; an event stream on one worker carries the blocks the other sealed; and workers whose
// primary is killed stop.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Receipt } from "@/lib/ledger/types";
import { freshDatabaseUrl } from "../../support/database";
import { adminToken, makeDataDir, testChainId } from "../../support/node";
import { ensureBuilt, startServer, type RunningServer } from "../../support/server";
import { audit, expectAllStored, expectDrained, expectOneChain, fund } from "../../support/node-processes";
import { makeWallet, signPayment } from "../../support/wallet";
import { freshConnectionRequest, isAlive, workerPids } from "../../support/workers";

const running: RunningServer[] = [];

beforeAll(() => {
  ensureBuilt();
}, 300_000);

afterAll(async () => {
  await Promise.all(running.map((server) => server.stop()));
});

async function startWorkers(name: string, extra: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = makeDataDir(name);
  const server = await startServer({
    DATA_DIR: dataDir,
    DATABASE_URL: await freshDatabaseUrl(dataDir, name.replaceAll("-", "_")),
    CHAIN_ID: testChainId,
    ADMIN_TOKEN: adminToken,
    FAUCET_INTERVAL_SECONDS: "0",
    FAUCET_HOURLY_PER_CLIENT: "0",
    FAUCET_HOURLY_TOTAL: "0",
    WEB_CONCURRENCY: "2",
    ...extra,
  });
  running.push(server);
  return server;
}

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("kill -9 of one worker under load", () => {
  it("loses no acknowledged payment; the other worker goes on, a new one replaces the dead, and the chain audits", async () => {
    const server = await startWorkers("workers-crash", { FAUCET_AMOUNT: "100000000" });
    const primaryPid = server.process.pid!;
    const [victim, survivor] = workerPids(primaryPid);
    expect(victim).toBeDefined();
    expect(survivor).toBeDefined();
    const payers = Array.from({ length: 16 }, () => makeWallet());
    await fund(server.url, payers);
    const payee = makeWallet().publicKey;

    const acknowledged = new Map<string, Receipt>();
    let afterKill = 0;
    let isKilled = false;
    let isDone = false;
    // Each payer sends payments back to back, each on a connection of its own so that both workers get them. A
    // payment whose connection died with the worker is sent again as it was: it is recorded once either way. A
    // connection the primary had accepted and was handing to the worker as it died stays open, unanswered (the
    // primary keeps the handle it never heard back about): the sender gives up on it after 5 s and sends again.
    const senders = payers.map(async (payer) => {
      while (!isDone) {
        const payment = signPayment(payer, payee, "1");
        for (let attempt = 0; attempt < 50 && !isDone; attempt++) {
          const answer = await freshConnectionRequest(`${server.url}/api/payments`, {
            body: payment,
            timeoutMs: 5_000,
          }).catch(() => null);
          if (answer === null) continue;
          expect([200, 201]).toContain(answer.status);
          const { receipt } = JSON.parse(answer.body) as { receipt: Receipt };
          acknowledged.set(receipt.txId, receipt);
          if (isKilled) afterKill += 1;
          break;
        }
      }
    });
    await until(() => acknowledged.size >= 200, "200 acknowledged payments");
    process.kill(victim!, "SIGKILL");
    isKilled = true;
    await until(() => afterKill >= 200, "200 payments after the kill");
    await until(() => {
      const pids = workerPids(primaryPid);
      return pids.length === 2 && !pids.includes(victim!);
    }, "a new worker");
    isDone = true;
    await Promise.all(senders);

    expect(isAlive(survivor!)).toBe(true);
    expect(workerPids(primaryPid)).not.toContain(victim);
    await until(
      () => server.output().includes(`worker ${victim} died (SIGKILL); starting another`),
      "the primary to say it replaced the worker",
    );
    await expectAllStored(server.url, acknowledged.values());
    expect(await audit(server.url)).toMatchObject({ ok: true, firstBad: null });
    // 17 s on a quiet machine, 27 s beside three busy loops, and over the default minute once in CI beside two other
    // files' servers: each wait above has its own limit and names what it waited for, so this one only has to
    // outlast their sum.
  }, 150_000);
});

describe("two workers on one database", () => {
  it("never fork the chain or overdraw, and a stream on one worker carries every block the other sealed", async () => {
    const server = await startWorkers("workers-together", { FAUCET_AMOUNT: "1000", SEAL_DELAY_MS: "5" });
    const events: number[] = [];
    const controller = new AbortController();
    const stream = await fetch(`${server.url}/api/events`, { signal: controller.signal });
    expect(stream.status).toBe(200);
    const reading = (async () => {
      const decoder = new TextDecoder();
      let text = "";
      const reader = stream.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        text += decoder.decode(value, { stream: true });
        for (const [, height] of text.matchAll(/^id: (\d+)$/gm)) events.push(Number(height));
        text = text.slice(text.lastIndexOf("\n") + 1);
      }
    })().catch(() => undefined);

    const payers = Array.from({ length: 4 }, () => makeWallet());
    await fund(server.url, payers);
    const payments = payers.flatMap((payer) =>
      Array.from({ length: 30 }, () => signPayment(payer, makeWallet().publicKey, "100")),
    );
    const answers = await Promise.all(
      payments.map((payment) => freshConnectionRequest(`${server.url}/api/payments`, { body: payment })),
    );
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(40);
    expect(answers.filter((answer) => answer.status === 409)).toHaveLength(80);
    await expectDrained(server.url, payers);
    const heights = await expectOneChain(server.url, payers.length + 40);
    expect(await audit(server.url)).toMatchObject({ ok: true, firstBad: null });

    // Every block after genesis, each once and in order, whichever worker sealed it.
    const head = heights.at(-1)!;
    await until(() => events.includes(head), `the stream to reach block ${head}`);
    expect(events).toEqual(Array.from({ length: head }, (_, index) => index + 1));
    controller.abort();
    await reading;
  });
});

describe("the primary killed", () => {
  it("takes its workers with it: none is left serving", async () => {
    const server = await startWorkers("workers-orphans");
    const workers = workerPids(server.process.pid!);
    expect(workers).toHaveLength(2);
    server.process.kill("SIGKILL");
    await server.exited;
    await until(() => workers.every((pid) => !isAlive(pid)), "the workers to stop", 15_000);
  });
});
