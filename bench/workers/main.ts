// `npx tsx --conditions=react-server bench/workers/main.ts`: the bench's workers part alone (the same settings as in
// `npm run bench`). Its figures go to bench/results/workers.json (not committed).
import { runPartAlone } from "../part-alone";
import { workersLines } from "./report";
import { benchWorkers, workersOptionsFromEnvironment } from "./workers";

await runPartAlone({
  name: "workers",
  heading: "workers (WEB_CONCURRENCY=2 against 1)",
  skippedBy: "BENCH_WORKERS=0",
  options: workersOptionsFromEnvironment,
  run: benchWorkers,
  lines: workersLines,
});
