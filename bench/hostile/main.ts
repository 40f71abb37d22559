// `npx tsx --conditions=react-server bench/hostile/main.ts`: the bench's hostile part alone (the same settings as in
// `npm run bench`), for working on one attack's defence without the rest of the bench. Its figures go to
// bench/results/hostile.json (not committed).
import { runPartAlone } from "../part-alone";
import { benchHostile, hostileOptionsFromEnvironment } from "./hostile";
import { hostileLines } from "./report";

await runPartAlone({
  name: "hostile",
  heading: "hostile clients",
  skippedBy: "BENCH_HOSTILE=0",
  options: hostileOptionsFromEnvironment,
  run: benchHostile,
  lines: hostileLines,
});
