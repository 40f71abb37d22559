// A witnessed network of real processes (PROTOCOL.md v2): one node (scripts/server/serve.ts, as `npm start` serves) and
// witnesses (`npm run follow -- <node url> --witness`), the node's WITNESS_POLICY file naming them. Every process
// is killed in stop(), and when the test process exits, whatever happened.
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { root } from "@/scripts/build-if-needed";
import { createTestDatabase } from "@/scripts/postgres-server";
import { testDatabaseKind, type TestDatabaseKind } from "./database";
import { adminToken, makeDataDir, testChainId } from "./node";
import { ensureBuilt, freePort, startServer, type RunningServer } from "./server";

export type WitnessProcess = {
  name: string;
  url: string;
  /** The tlog-witness submission prefix: `<url>/api/witness`. */
  submissionUrl: string;
  vkey: string;
  dataDir: string;
  databaseUrl: string;
  /** What the process printed since it was first started. */
  output: () => string;
  /** SIGTERM, then SIGKILL after 10 s. */
  stop: () => Promise<void>;
  /** Starts it again on the same port, data directory and database (no-op while it runs). */
  start: () => Promise<void>;
  /** SIGKILL to the witness and the server it runs. */
  kill: () => Promise<void>;
};

export type WitnessedNetwork = {
  nodeUrl: string;
  nodeDataDir: string;
  nodeDatabaseUrl: string;
  /** The node's environment as last started (WITNESS_POLICY included). */
  nodeEnvironment: () => Record<string, string>;
  nodeOutput: () => string;
  witnesses: WitnessProcess[];
  policyFile: string;
  policyText: string;
  /** Stops the node (if it runs) and starts it again on the same port, with `environment` on top of the last. */
  restartNode: (environment?: Record<string, string>) => Promise<void>;
  killNode: () => Promise<void>;
  /** Stops the node gracefully (SIGTERM); restartNode starts it again. */
  stopNode: () => Promise<void>;
  stop: () => Promise<void>;
};

export type WitnessedNetworkOptions = {
  name: string;
  witnesses: number;
  quorum: number;
  nodeEnv?: Record<string, string>;
  database?: TestDatabaseKind;
};

const witnessAdminPassword = "witness-admin-password";
const startTimeoutMs = 90_000;
const vkeyPattern = /witness: vkey (\S+)/;

/** Every process group this test process started and has not seen exit: killed when the test process exits. */
const running = new Set<ChildProcess>();
/** The nodes this test process runs (not group leaders: killed one by one). */
const runningNodes = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) killGroup(child, "SIGKILL");
  for (const child of runningNodes) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // The witness is a process group leader (detached): its Next server is in the group too.
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

export async function databaseUrlFor(kind: TestDatabaseKind, dataDir: string, name: string): Promise<string> {
  if (kind === "sqlite") return `file:${dataDir}/chainpay.db`;
  const { url } = await createTestDatabase(inject("postgresAdminUrl"), `chainpay_${name.replaceAll("-", "_")}`);
  return url;
}

async function until<T>(probe: () => Promise<T | undefined>, what: () => string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** A witness process of its own (not yet started: call start()), following `nodeUrl`, which may be a proxy. */
export async function makeWitness(
  name: string,
  nodeUrl: string,
  kind: TestDatabaseKind,
  networkName: string,
): Promise<WitnessProcess> {
  const dataDir = makeDataDir(`${networkName}-${name}`);
  const databaseUrl = await databaseUrlFor(kind, dataDir, `${networkName}-${name}`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let output = "";
  let vkey = "";
  const isRunning = () => child !== null && child.exitCode === null && child.signalCode === null;

  const witness: WitnessProcess = {
    name,
    url,
    submissionUrl: `${url}/api/witness`,
    get vkey() {
      return vkey;
    },
    dataDir,
    databaseUrl,
    output: () => output,
    start: async () => {
      if (isRunning()) return;
      const started = spawn(
        process.execPath,
        [
          "--import",
          "tsx",
          "--conditions=react-server",
          "scripts/follow.ts",
          nodeUrl,
          "--witness",
          "--witness-name",
          name,
        ],
        {
          cwd: root,
          detached: true,
          stdio: ["ignore", "pipe", "pipe"],
          env: {
            ...process.env,
            NEXT_TELEMETRY_DISABLED: "1",
            PORT: String(port),
            DATA_DIR: dataDir,
            DATABASE_URL: databaseUrl,
            ADMIN_PASSWORD: witnessAdminPassword,
          },
        },
      );
      child = started;
      running.add(started);
      exited = new Promise<void>((resolve) =>
        started.once("exit", () => {
          running.delete(started);
          resolve();
        }),
      );
      started.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      started.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const said = () => `witness ${name} on ${url}; it said:\n${output}`;
      await until(
        async () => {
          if (!isRunning()) throw new Error(`witness ${name} exited early:\n${output}`);
          const match = vkeyPattern.exec(output);
          if (match === null) return undefined;
          const answer = await fetch(`${url}/api/witness`, { signal: AbortSignal.timeout(5_000) });
          if (answer.status !== 200) return undefined;
          const body = (await answer.json()) as { vkey?: unknown };
          if (body.vkey !== match[1])
            throw new Error(`witness ${name} announced ${match[1]} but serves ${String(body.vkey)}`);
          vkey = match[1]!;
          return true;
        },
        said,
        startTimeoutMs,
      ).catch((error: unknown) => {
        if (!isRunning()) throw new Error(`witness ${name} exited early:\n${output}`);
        throw error;
      });
    },
    stop: async () => {
      if (child === null || !isRunning()) return exited;
      killGroup(child, "SIGTERM");
      const current = child;
      const timer = setTimeout(() => killGroup(current, "SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
      // The group's server may outlive the leader by a moment: make sure nothing of it is left.
      killGroup(current, "SIGKILL");
    },
    kill: async () => {
      if (child === null || !isRunning()) return exited;
      killGroup(child, "SIGKILL");
      await exited;
    },
  };
  return witness;
}

/** `witness`, `group` and `quorum` lines of C2SP tlog-policy; the node adds its own `log` line. */
export function policyFor(
  witnesses: readonly Pick<WitnessProcess, "name" | "vkey" | "submissionUrl">[],
  quorum: number,
): string {
  if (witnesses.length === 0) return "quorum none\n";
  return [
    ...witnesses.map((witness) => `witness ${witness.name} ${witness.vkey} ${witness.submissionUrl}`),
    `group witnesses ${quorum} ${witnesses.map((witness) => witness.name).join(" ")}`,
    "quorum witnesses",
    "",
  ].join("\n");
}

/**
 * Starts a node on a fresh data directory and database, `witnesses` witnesses following it (w1, w2, …), and
 * restarts the node with a policy that needs `quorum` of them. The node runs on the test chain with the faucet
 * open (100000 per call, no interval), ADMIN_TOKEN set and COSIGN_INTERVAL_MS=200, `nodeEnv` on top.
 */
export async function startWitnessedNetwork(options: WitnessedNetworkOptions): Promise<WitnessedNetwork> {
  ensureBuilt();
  const kind = options.database ?? testDatabaseKind();
  const nodeDataDir = makeDataDir(`${options.name}-node`);
  const nodeDatabaseUrl = await databaseUrlFor(kind, nodeDataDir, `${options.name}-node`);
  const port = await freePort();
  let environment: Record<string, string> = {
    DATA_DIR: nodeDataDir,
    DATABASE_URL: nodeDatabaseUrl,
    CHAIN_ID: testChainId,
    ADMIN_TOKEN: adminToken,
    FAUCET_AMOUNT: "100000",
    FAUCET_INTERVAL_SECONDS: "0",
    FAUCET_HOURLY_PER_CLIENT: "0",
    FAUCET_HOURLY_TOTAL: "0",
    COSIGN_INTERVAL_MS: "200",
    ...options.nodeEnv,
  };
  let node: RunningServer | null = null;
  let nodeOutput = "";
  const witnesses: WitnessProcess[] = [];
  const nodeUrl = `http://127.0.0.1:${port}`;

  const stopNode = async () => {
    if (node === null) return;
    const stopping = node;
    node = null;
    await stopping.stop();
    nodeOutput += stopping.output();
  };
  const startNode = async () => {
    const started = await startServer(environment, port);
    node = started;
    runningNodes.add(started.process);
    void started.exited.then(() => runningNodes.delete(started.process));
  };
  const stop = async () => {
    await Promise.allSettled([stopNode(), ...witnesses.map((witness) => witness.stop())]);
  };

  try {
    // The chain exists, and a node answers, before any witness first asks it for its key.
    await startNode();
    for (let index = 1; index <= options.witnesses; index++)
      witnesses.push(await makeWitness(`w${index}`, nodeUrl, kind, options.name));
    await Promise.all(witnesses.map((witness) => witness.start()));
    const policyText = policyFor(witnesses, options.quorum);
    const policyFile = path.join(nodeDataDir, "witness-policy.txt");
    writeFileSync(policyFile, policyText);
    environment = { ...environment, WITNESS_POLICY: policyFile };
    await stopNode();
    await startNode();
    return {
      nodeUrl,
      nodeDataDir,
      nodeDatabaseUrl,
      nodeEnvironment: () => ({ ...environment }),
      nodeOutput: () => nodeOutput + (node?.output() ?? ""),
      witnesses,
      policyFile,
      policyText,
      restartNode: async (extra = {}) => {
        await stopNode();
        environment = { ...environment, ...extra };
        await startNode();
      },
      killNode: async () => {
        if (node === null) return;
        const killed = node;
        node = null;
        killed.process.kill("SIGKILL");
        await killed.exited;
        nodeOutput += killed.output();
      },
      stopNode,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
