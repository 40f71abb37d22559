// `npx tsx --conditions=react-server bench/batch/main.ts`: the bench's batch part alone (the same settings as in
// `npm run bench`). Its figures go to bench/results/batch.json (not committed).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "../../scripts/build-if-needed";
import { batchLines } from "./report";
import { batchOptionsFromEnvironment, benchBatch } from "./batch";

process.on("unhandledRejection", (reason) => {
  console.error("batch bench: an unhandled rejection", reason instanceof Error ? reason.stack : reason);
  process.exit(1);
});
buildIfNeeded();
const options = batchOptionsFromEnvironment();
if (options === null) {
  console.log("batch: skipped (BENCH_BATCH=0)");
} else {
  const result = await benchBatch(options);
  console.log(["", "batch route against the raw verify rate:", ...batchLines(result)].join("\n"));
  const resultsDir = path.resolve("bench/results");
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    path.join(resultsDir, "batch.json"),
    JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2),
  );
}
