// `npm start` listens where HOST says: with HOST=127.0.0.1 it answers on 127.0.0.1 and nowhere else (another
// loopback address, 127.0.0.2, is refused), and without HOST on every interface, as before the setting existed.
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { root } from "@/scripts/build-if-needed";
import { freshDatabaseUrl } from "../../../support/database";
import { requestFrom } from "../../../support/local-client";
import { makeDataDir, testChainId } from "../../../support/node";
import { ensureBuilt, freePort } from "../../../support/server";

type Started = { port: number; stop: () => Promise<void> };

const running: Started[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((started) => started.stop()));
});

/** Runs `npm start` (scripts/server/start.ts, as npm runs it) and waits until it answers on 127.0.0.1. */
async function npmStart(name: string, host: string | undefined): Promise<Started> {
  ensureBuilt();
  const dataDir = makeDataDir(name);
  const port = await freePort();
  const environment: Record<string, string> = {
    NEXT_TELEMETRY_DISABLED: "1",
    DATA_DIR: dataDir,
    DATABASE_URL: await freshDatabaseUrl(dataDir, name),
    CHAIN_ID: testChainId,
    PORT: String(port),
    ADMIN_PASSWORD: "host-setting-password",
    ...(host === undefined ? {} : { HOST: host }),
  };
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/server/start.ts"], {
    cwd: root,
    env: { ...process.env, HOST: undefined, ...environment },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const started = {
    port,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
  running.push(started);
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    const answer = await requestFrom("127.0.0.1", `http://127.0.0.1:${port}/api/health`).catch(() => undefined);
    if (answer?.status === 200) return started;
    if (Date.now() > deadline) throw new Error(`npm start did not answer:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const healthAt = (address: string, port: number) =>
  requestFrom("127.0.0.1", `http://${address}:${port}/api/health`).then((answer) => answer.status);

describe("npm start", () => {
  it("with HOST=127.0.0.1 answers there and refuses 127.0.0.2", async () => {
    const { port } = await npmStart("host-loopback", "127.0.0.1");
    expect(await healthAt("127.0.0.1", port)).toBe(200);
    await expect(healthAt("127.0.0.2", port)).rejects.toMatchObject({ code: "ECONNREFUSED" });
  }, 180_000);

  it("without HOST answers on every interface, 127.0.0.2 among them", async () => {
    const { port } = await npmStart("host-unset", undefined);
    expect(await healthAt("127.0.0.1", port)).toBe(200);
    expect(await healthAt("127.0.0.2", port)).toBe(200);
  }, 180_000);
});
