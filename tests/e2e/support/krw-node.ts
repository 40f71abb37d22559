// A second node for the browser tests, in Korean won (CURRENCY=KRW:0, no minor units): its own port, data
// directory and SQLite database, started as `npm start` starts a node (scripts/server/start.ts, which finds the
// build the Playwright web server made). For tests that need ₩ amounts; any spec may start one in its beforeAll.
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { freePort } from "@/scripts/free-port";

export type KrwNode = {
  url: string;
  /** Minor units the faucet gives (KRW has none: this is whole won). */
  faucetAmount: number;
  output: () => string;
  stop: () => Promise<void>;
};

const startTimeoutMs = 120_000;

/** Starts a KRW:0 node named `name` (its data lives in test-data/e2e-krw-<name>, emptied first). */
export async function startKrwNode(name: string, environment: Record<string, string> = {}): Promise<KrwNode> {
  const dataDir = path.join("test-data", `e2e-krw-${name}`);
  rmSync(dataDir, { recursive: true, force: true });
  const port = await freePort();
  const faucetAmount = 10_000;
  // The node's own database in its data directory: an inherited DATABASE_URL would be another node's.
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  const child: ChildProcess = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/server/start.ts"],
    {
      env: {
        ...inherited,
        NEXT_TELEMETRY_DISABLED: "1",
        DATA_DIR: dataDir,
        HOST: "127.0.0.1",
        PORT: String(port),
        CHAIN_ID: `chainpay-e2e-krw-${name}`,
        CURRENCY: "KRW:0",
        FAUCET_AMOUNT: String(faucetAmount),
        FAUCET_INTERVAL_SECONDS: "0",
        ADMIN_PASSWORD: "e2e-admin-password",
        ...environment,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the KRW node exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) })).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the KRW node did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, faucetAmount, output: () => output, stop };
}
