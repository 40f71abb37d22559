// `npx tsx --conditions=react-server bench/workers/main.ts`: the bench's workers part alone (the same settings as in
// `npm run bench`). Its figures go to bench/results/workers.json (not committed).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "../../scripts/build-if-needed";
import { workersLines } from "./report";
import { benchWorkers, workersOptionsFromEnvironment } from "./workers";

process.on("unhandledRejection", (reason) => {
  console.error("workers bench: an unhandled rejection", reason instanceof Error ? reason.stack : reason);
  process.exit(1);
});
buildIfNeeded();
const options = workersOptionsFromEnvironment();
if (options === null) {
  console.log("workers: skipped (BENCH_WORKERS=0)");
} else {
  const result = await benchWorkers(options);
  console.log(["", "workers (WEB_CONCURRENCY=2 against 1):", ...workersLines(result)].join("\n"));
  const resultsDir = path.resolve("bench/results");
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    path.join(resultsDir, "workers.json"),
    JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2),
  );
}
