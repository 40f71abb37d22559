// `npx tsx --conditions=react-server bench/hostile/main.ts`: the bench's hostile part alone (the same settings as
// in `npm run bench`), for working on one attack's defence without the rest of the bench's ten minutes. Its
// figures go to bench/results/hostile.json (not committed).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "../../scripts/build-if-needed";
import { benchHostile, hostileOptionsFromEnvironment } from "./hostile";
import { hostileLines } from "./report";

buildIfNeeded();
const options = hostileOptionsFromEnvironment();
if (options === null) {
  console.log("hostile clients: skipped (BENCH_HOSTILE=0)");
} else {
  const result = await benchHostile(options);
  console.log(["", "hostile clients:", ...hostileLines(result)].join("\n"));
  const resultsDir = path.resolve("bench/results");
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    path.join(resultsDir, "hostile.json"),
    JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2),
  );
}
