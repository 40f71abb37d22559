// The witnessed part's processes: a node and its witnesses on this machine, started as README "Witnessed set-up"
// tells an operator to: the node first, then each witness (`npm run follow -- <node url> --witness`, its own PORT
// and DATA_DIR, printing `witness: vkey <vkey>`), then a tlog-policy file naming them with a k-of-n quorum, and
// the node restarted on the same data directory with WITNESS_POLICY pointing at that file.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { root } from "../../scripts/build-if-needed";
import { freePort, startServer, type RunningServer } from "../../tests/support/server";
import { benchChainId, benchFaucetEnvironment } from "../support";

export type BenchWitness = { name: string; url: string; vkey: string; stop: () => Promise<void> };

export type BenchNode = {
  server: RunningServer;
  witnesses: BenchWitness[];
  policyFile: string | null;
  stop: () => Promise<void>;
};

const witnessStartTimeoutMs = 120_000;

/** Each set-up's data directories go once its processes have stopped: a run leaves nothing in the temp folder. */
const removeDirectory = (directory: string) => rmSync(directory, { recursive: true, force: true });

/** A node's environment as the rest of the bench starts one, on its own data directory and SQLite file. */
function nodeEnvironment(dataDir: string, extra: Record<string, string>): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    // Explicit, so that a DATABASE_URL in the shell running the bench cannot point the node elsewhere.
    DATABASE_URL: `file:${path.join(dataDir, "chainpay.db")}`,
    CHAIN_ID: benchChainId,
    ...benchFaucetEnvironment,
    SEAL_DELAY_MS: "",
    ...extra,
  };
}

/** The witnesses started and not yet exited: each is a process group (follow.ts and its server), killed at exit. */
const runningWitnesses = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of runningWitnesses) killGroup(child, "SIGKILL");
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Stops a witness's group: SIGTERM, then SIGKILL if it has not exited within 10 s, and its server with it. */
async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    killGroup(child, "SIGTERM");
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
  // The group's server may outlive its leader by a moment: nothing of it is left running.
  killGroup(child, "SIGKILL");
}

/** Whether `url` answers 200 within 5 s, its body read whole (a timeout while it arrives is a no). */
async function answersOk(url: string): Promise<boolean> {
  try {
    const answer = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    await answer.arrayBuffer();
    return answer.ok;
  } catch {
    return false;
  }
}

/** Starts one witness following `nodeUrl` and waits until it has printed its vkey and serves GET /api/witness. */
async function startWitness(name: string, nodeUrl: string): Promise<BenchWitness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `chainpay-bench-${name}-`));
  const port = await freePort();
  const environment = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, "chainpay.db")}`,
    HOST: "127.0.0.1",
  };
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "scripts/follow.ts", nodeUrl, "--witness"],
    // Its own process group, so that stopping it stops the server it starts too.
    { cwd: root, env: environment, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  runningWitnesses.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => {
      runningWitnesses.delete(child);
      resolve();
    }),
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopGroup(child, exited);
    removeDirectory(dataDir);
  };
  const deadline = Date.now() + witnessStartTimeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`witness ${name} exited early:\n${output}`);
      const vkey = /witness: vkey (\S+)/.exec(output)?.[1];
      if (vkey !== undefined) {
        if (await answersOk(`${url}/api/witness`)) return { name, url, vkey, stop };
      }
      if (Date.now() > deadline) throw new Error(`witness ${name} did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The tlog-policy file: one `witness` line per witness with its submission prefix, a k-of-n group, the quorum. */
export function policyText(witnesses: readonly BenchWitness[], quorum: number): string {
  return [
    ...witnesses.map((witness) => `witness ${witness.name} ${witness.vkey} ${witness.url}/api/witness`),
    `group bench-witnesses ${quorum} ${witnesses.map((witness) => witness.name).join(" ")}`,
    "quorum bench-witnesses",
    "",
  ].join("\n");
}

/** A node with no witnesses (`quorum none`): the set-up the witnessed one is compared against. */
export async function startPlainNode(extra: Record<string, string> = {}): Promise<BenchNode> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "chainpay-bench-plain-"));
  const server = await startServer(nodeEnvironment(dataDir, extra));
  return {
    server,
    witnesses: [],
    policyFile: null,
    stop: async () => {
      await server.stop();
      removeDirectory(dataDir);
    },
  };
}

/** A node cosigned by `count` witnesses under a `quorum`-of-`count` policy, started as an operator would. */
export async function startWitnessedNode(
  count: number,
  quorum: number,
  extra: Record<string, string> = {},
): Promise<BenchNode> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "chainpay-bench-witnessed-"));
  const port = await freePort();
  const first = await startServer(nodeEnvironment(dataDir, extra), port);
  const witnesses: BenchWitness[] = [];
  try {
    // One after the other: each start builds its replica and its server, and the machine has 2 cores.
    for (let index = 1; index <= count; index++) witnesses.push(await startWitness(`w${index}`, first.url));
  } catch (error) {
    await Promise.all(witnesses.map((witness) => witness.stop()));
    await first.stop();
    removeDirectory(dataDir);
    throw error;
  }
  await first.stop();
  const policyFile = path.join(dataDir, "policy.txt");
  writeFileSync(policyFile, policyText(witnesses, quorum));
  let server: RunningServer;
  try {
    // The same port: the witnesses follow the node at the URL they were given.
    server = await startServer(nodeEnvironment(dataDir, { ...extra, WITNESS_POLICY: policyFile }), port);
  } catch (error) {
    await Promise.all(witnesses.map((witness) => witness.stop()));
    removeDirectory(dataDir);
    throw error;
  }
  return {
    server,
    witnesses,
    policyFile,
    stop: async () => {
      await server.stop();
      await Promise.all(witnesses.map((witness) => witness.stop()));
      removeDirectory(dataDir);
    },
  };
}
