// `npm run check`: the type check, ESLint and Prettier at once, as `npm test`'s first stage. Each is one
// single-threaded process, so on a machine with two cores or more they take the longest one's time instead of
// the sum (about a minute saved here). Each command's output is printed whole when it ends, never interleaved;
// the exit code is 1 when any of them failed, naming which.
import { spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

const checks = [
  { name: "typecheck", command: bin("tsc"), args: ["--noEmit"] },
  { name: "eslint", command: bin("eslint"), args: ["--max-warnings", "0", "."] },
  { name: "prettier", command: bin("prettier"), args: ["--check", "."] },
];

function run(check: (typeof checks)[number]): Promise<{ name: string; code: number; output: string }> {
  return new Promise((resolve) => {
    const startedMs = Date.now();
    const child = spawn(check.command, check.args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
    let isDone = false;
    const finish = (code: number, extra = "") => {
      if (isDone) return;
      isDone = true;
      const output = Buffer.concat(chunks).toString("utf8") + extra;
      const seconds = ((Date.now() - startedMs) / 1000).toFixed(1);
      console.log(`\n> ${check.name}: ${code === 0 ? "passed" : `FAILED (exit ${code})`} in ${seconds} s`);
      if (output.trim() !== "") console.log(output.trimEnd());
      resolve({ name: check.name, code, output });
    };
    child.on("error", (error) => finish(1, `could not start ${check.command}: ${error.message}`));
    child.on("close", (code, signal) => finish(code ?? 1, signal === null ? "" : `ended by ${signal}`));
  });
}

const results = await Promise.all(checks.map(run));
const failed = results.filter((result) => result.code !== 0).map((result) => result.name);
if (failed.length > 0) {
  console.error(`\ncheck: ${failed.join(", ")} failed`);
  process.exit(1);
}
console.log("\ncheck: typecheck, eslint and prettier passed");
