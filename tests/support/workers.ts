// Helpers for the tests of a node served by several workers (WEB_CONCURRENCY): the workers' process ids, and
// requests that each open a connection of their own, so that the cluster hands them to the workers in turn.
import { execFileSync } from "node:child_process";
import { request } from "node:http";

/**
 * The process ids of `primaryPid`'s live workers: its child processes that run the worker's script, less any dead
 * one not yet reaped. Not every child is a worker: on a cold cache the primary's TypeScript loader (tsx) starts an
 * esbuild service, whose process id comes before the workers' (seen in CI, where a test killed it as "a worker").
 */
export function workerPids(primaryPid: number): number[] {
  try {
    return execFileSync("ps", ["-o", "pid=,stat=,args=", "--ppid", String(primaryPid)], { encoding: "utf8" })
      .split("\n")
      .map((line) => line.trim().split(/\s+/))
      .filter(([pid, stat, ...args]) => pid !== undefined && pid !== "" && !stat?.startsWith("Z") && isWorker(args))
      .map(([pid]) => Number(pid));
  } catch {
    // ps exits 1 when there is none.
    return [];
  }
}

function isWorker(args: readonly string[]): boolean {
  return args.some((arg) => arg.endsWith(workerScript));
}

const workerScript = "scripts/server/serve.ts";

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export type FreshAnswer = { status: number; body: string };

/**
 * One request on a connection of its own, closed after the answer: `fetch` would keep one connection, and with it
 * one worker, for every request. With `isHeld`, the answer's headers are enough and the connection stays open
 * (an event stream); `close` ends it.
 */
export function freshConnectionRequest(
  url: string,
  options: {
    method?: string;
    body?: unknown;
    headers?: Record<string, string>;
    isHeld?: boolean;
    timeoutMs?: number;
  } = {},
): Promise<FreshAnswer & { close: () => void }> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: options.method ?? (body === undefined ? "GET" : "POST"),
        agent: false,
        headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...options.headers },
        timeout: timeoutMs,
      },
      (incoming) => {
        const close = () => incoming.destroy();
        if (options.isHeld === true && incoming.statusCode === 200) {
          resolve({ status: 200, body: "", close });
          return;
        }
        let text = "";
        incoming.setEncoding("utf8");
        incoming.on("data", (chunk: string) => (text += chunk));
        incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, body: text, close }));
      },
    );
    outgoing.on("error", reject);
    outgoing.on("timeout", () => outgoing.destroy(new Error(`${url} did not answer in ${timeoutMs} ms`)));
    outgoing.end(body);
  });
}
