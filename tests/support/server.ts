// Real servers (scripts/server/serve.ts, as `npm start` serves) for the tests that need whole processes: kill -9, two
// servers on one database, connections from other addresses.
import { spawn, type ChildProcess } from "node:child_process";
import { readConfig } from "@/lib/server/node/env";
import { prepareNode } from "@/lib/server/node/prepare-node";
import { buildIfNeeded, root, serveArguments } from "@/scripts/build-if-needed";
import { freePort } from "@/scripts/free-port";
import { freshDatabaseUrl } from "./database";
import { makeDataDir, testChainId } from "./node";

export type RunningServer = {
  url: string;
  process: ChildProcess;
  /** Settles when the process has exited, however and whenever that happened. */
  exited: Promise<void>;
  output: () => string;
  stop: () => Promise<void>;
};

/** Re-exported for the tests that import their servers' helpers from here. */
export { freePort };

export function ensureBuilt(): void {
  buildIfNeeded();
}

/**
 * Prepares `dataDir` as `npm start` does, then serves it as `npm start` does on 127.0.0.1 and `port` (default: a
 * free one); HOST in `environment` overrides the address. One process unless WEB_CONCURRENCY says otherwise: a
 * test that kills "the server" means the one process, and the workers' own tests ask for workers.
 */
export async function startServer(environment: Record<string, string>, port?: number): Promise<RunningServer> {
  const merged = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", WEB_CONCURRENCY: "1", ...environment };
  const workers = Number(merged.WEB_CONCURRENCY);
  const prepared = await prepareNode(readConfig(merged));
  await prepared.store.close();
  port ??= await freePort();
  const child = spawn(process.execPath, serveArguments, {
    cwd: root,
    env: { ...merged, HOST: environment.HOST ?? "127.0.0.1", PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  // A minute: on a shared 2-core machine under other builds a start was seen to take 28 s.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      // With workers, the first to listen answers: wait for the primary's word that every one does.
      const isAllListening = workers <= 1 || output.includes(`with ${workers} workers`);
      if (isAllListening && (await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) })).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      // Never left behind: an orphaned server would keep its port, its data directory and a share of the CPU.
      child.kill("SIGKILL");
      throw new Error(`server did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    process: child,
    exited,
    output: () => output,
    stop: () => stopChild(child, exited),
  };
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

export async function getJson(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
  return { status: response.status, body: (await response.json()) as unknown };
}

export type ScriptRun = { code: number | null; output: string };

/**
 * Runs one of scripts/ as `npm run` does (tsx, with the react-server condition), collecting what it prints. A run
 * that hangs is killed after `timeoutMs` and fails its test with what it printed, rather than in silence.
 */
export function runScript(
  script: string,
  args: readonly string[],
  environment: Record<string, string> = {},
  timeoutMs = 120_000,
): Promise<ScriptRun> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", `scripts/${script}`, ...args],
      {
        cwd: root,
        env: { ...process.env, ...environment },
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/**
 * What a test file's beforeAll starts: the app built, then a real server on a fresh data directory and database
 * named after `name`, on the test chain, with `environment` on top.
 */
export async function startFreshServer(name: string, environment: Record<string, string> = {}): Promise<RunningServer> {
  ensureBuilt();
  const dataDir = makeDataDir(name);
  return startServer({
    DATA_DIR: dataDir,
    DATABASE_URL: await freshDatabaseUrl(dataDir, name.replaceAll("-", "_")),
    CHAIN_ID: testChainId,
    ...environment,
  });
}

/**
 * Stops a server process: SIGTERM, and SIGKILL if it has not exited in 10 s. A graceful stop waits for open
 * connections (a follower polling every second keeps one busy); a kill loses nothing it answered, since every
 * answer is committed first.
 */
export async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
