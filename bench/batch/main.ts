// `npx tsx --conditions=react-server bench/batch/main.ts`: the bench's batch part alone (the same settings as in
// `npm run bench`). Its figures go to bench/results/batch.json (not committed).
import { runPartAlone } from "../part-alone";
import { batchLines } from "./report";
import { batchOptionsFromEnvironment, benchBatch } from "./batch";

await runPartAlone({
  name: "batch",
  heading: "batch route against the raw verify rate",
  skippedBy: "BENCH_BATCH=0",
  options: batchOptionsFromEnvironment,
  run: benchBatch,
  lines: batchLines,
});
