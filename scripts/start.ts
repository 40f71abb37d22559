// `npm start`: build when the sources are newer than the last build, prepare the data directory (migrations,
// node key, genesis), then serve with `next start` on PORT (default 3000).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { readConfig } from "../lib/server/env";
import { prepareNode } from "../lib/server/prepare-node";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const buildIdFile = path.join(root, ".next", "BUILD_ID");
const sourceEntries = ["app", "lib", "next.config.js", "postcss.config.mjs", "package-lock.json", "tsconfig.json"];

function newestSourceMtimeMs(entry: string): number {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(full).reduce((newest, name) => Math.max(newest, newestSourceMtimeMs(path.join(entry, name))), stat.mtimeMs);
}

function isBuildCurrent(): boolean {
  if (!existsSync(buildIdFile)) return false;
  const builtAtMs = statSync(buildIdFile).mtimeMs;
  return sourceEntries.every((entry) => newestSourceMtimeMs(entry) <= builtAtMs);
}

const environment = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

if (!isBuildCurrent()) {
  console.log("chainpay: building the app (first start, or the sources changed)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: environment });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const config = readConfig();
const { nodeKey, genesis, store } = prepareNode(config);
const head = store.head();
store.database.close();
console.log(`chainpay: chain ${genesis.header.chainId}, head ${head?.header.height ?? 0}, node key ${nodeKey.publicKeyHex}`);
console.log(`chainpay: data in ${config.dataDir}`);

const port = process.env.PORT ?? "3000";
const server = spawn(process.execPath, [nextBin, "start", "--port", port], { cwd: root, stdio: "inherit", env: environment });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)));
