// `npx tsx --conditions=react-server bench/witnessed/main.ts`: the bench's witnessed part alone (the same settings as in
// `npm run bench`). Its figures go to bench/results/witnessed.json (not committed).
import { runPartAlone } from "../part-alone";
import { witnessedLines } from "./report";
import { benchWitnessed, witnessedOptionsFromEnvironment } from "./witnessed";

await runPartAlone({
  name: "witnessed",
  heading: "witnessed log",
  skippedBy: "BENCH_WITNESSED=0",
  options: witnessedOptionsFromEnvironment,
  run: benchWitnessed,
  lines: witnessedLines,
});
