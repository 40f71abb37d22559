// The primary of a node served by several processes (WEB_CONCURRENCY, default one per core): it forks that many
// workers of scripts/server/serve.ts, which share the one port (node:cluster hands each new connection to the next
// worker in turn), and it holds the limits every worker counts against (lib/server/workers/limits-host.ts). It
// serves no request itself and opens no database: each worker opens the node as a single process would, and seals
// under the database's write lock, so any one of them may die at any moment without losing what it answered.
// A worker that dies is replaced; the primary stops when asked to, after its workers.
import cluster, { type Worker } from "node:cluster";
import path from "node:path";
import type { NodeConfig } from "../../lib/server/node/env";
import { LimitsHost } from "../../lib/server/workers/limits-host";
import { answerLimitRequest } from "../../lib/server/workers/shared-limits";
import { root } from "../build-if-needed";

/** A worker that dies is replaced after this pause, so that one that dies at once does not spin the CPU. */
const replaceDelayMs = 1_000;
/** On SIGTERM or SIGINT, how long the workers get to stop before they are killed. */
const workersStopGraceMs = 10_000;

export async function serveWorkers(config: NodeConfig, port: number): Promise<void> {
  const count = config.webConcurrency;
  const host = new LimitsHost();
  let isStopping = false;
  // Tests and scripts started the primary with tsx and --conditions=react-server: the workers get the same.
  cluster.setupPrimary({ exec: path.join(root, "scripts/server/serve.ts"), execArgv: process.execArgv });

  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.on("message", (message: unknown) => {
      const answer = answerLimitRequest(host, worker.id, message);
      if (answer !== null && worker.isConnected()) worker.send(answer);
    });
    return worker;
  };

  await new Promise<void>((resolve) => {
    let listening = 0;
    const hasListened = new Set<number>();
    cluster.on("listening", (worker) => {
      if (hasListened.has(worker.id)) return;
      hasListened.add(worker.id);
      listening += 1;
      if (listening === count) resolve();
    });
    cluster.on("exit", (worker, code, signal) => {
      host.releaseOwner(worker.id);
      // A worker exits 0 only when asked to stop: Ctrl-C reaches the whole process group, workers first perhaps.
      if (isStopping || (code === 0 && signal === null)) return;
      if (!hasListened.has(worker.id)) {
        // It never served: a setting, the port or the data directory is wrong, and another would fail the same
        // way. The worker has said why.
        console.error(`chainpay: a worker exited before it served (${signal ?? `code ${code}`}); stopping`);
        process.exit(1);
      }
      console.error(`chainpay: worker ${worker.process.pid} died (${signal ?? `code ${code}`}); starting another`);
      setTimeout(() => {
        if (!isStopping) fork();
      }, replaceDelayMs);
    });
    for (let index = 0; index < count; index++) fork();
  });

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      isStopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
      if (workers.length === 0) process.exit(0);
      let left = workers.length;
      for (const worker of workers) {
        worker.once("exit", () => {
          left -= 1;
          if (left === 0) process.exit(0);
        });
        worker.process.kill("SIGTERM");
      }
      setTimeout(() => {
        for (const worker of workers) worker.process.kill("SIGKILL");
        process.exit(0);
      }, workersStopGraceMs).unref();
    });
  }
  console.log(`chainpay: serving on ${config.host ?? "every interface"}, port ${port}, with ${count} workers`);
}
