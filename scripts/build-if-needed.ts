// Builds the app when there is no build yet or a source file is newer than the last build, so that
// `npm start` after a pull (and the tests that start real servers) never serve stale code.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { copyScannerWasm } from "./copy-scanner-wasm";

export const root = path.resolve(import.meta.dirname, "..");
export const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
export const nextEnvironment = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
/** `node` arguments that run chainpay's server (scripts/server/serve.ts) in a process of its own, as `npm start`. */
export const serveArguments = [
  "--conditions=react-server",
  "--import",
  "tsx",
  path.join(root, "scripts", "server", "serve.ts"),
];

const buildIdFile = path.join(root, ".next", "BUILD_ID");
const sourceEntries = [
  "app",
  "lib",
  // next-intl's request configuration and the message catalogues are compiled into the build too (issue 12).
  "i18n",
  "messages",
  "proxy.ts",
  "next.config.js",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
];

function newestMtimeMs(entry: string): number {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(full).reduce(
    (newest, name) => Math.max(newest, newestMtimeMs(path.join(entry, name))),
    stat.mtimeMs,
  );
}

export function isBuildCurrent(): boolean {
  if (!existsSync(buildIdFile)) return false;
  const builtAtMs = statSync(buildIdFile).mtimeMs;
  return sourceEntries.every((entry) => newestMtimeMs(entry) <= builtAtMs);
}

export function buildIfNeeded(): void {
  // Cheap, and needed by the served app whether or not it is rebuilt (a fresh clone keeps an old .next/ away).
  copyScannerWasm();
  if (isBuildCurrent()) return;
  console.log("chainpay: building the app (first start, or the sources changed)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: nextEnvironment });
  if (build.status !== 0) throw new Error(`next build failed with exit code ${String(build.status)}`);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename))
  buildIfNeeded();
