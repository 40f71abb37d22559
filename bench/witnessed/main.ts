// `npx tsx --conditions=react-server bench/witnessed/main.ts`: the bench's witnessed part alone (the same
// settings as in `npm run bench`). Its figures go to bench/results/witnessed.json (not committed).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "../../scripts/build-if-needed";
import { witnessedLines } from "./report";
import { benchWitnessed, witnessedOptionsFromEnvironment } from "./witnessed";

// A rejection nobody awaits would end the run with a bare DOMException: say where it came from.
process.on("unhandledRejection", (reason) => {
  console.error("witnessed bench: an unhandled rejection", reason instanceof Error ? reason.stack : reason);
  process.exit(1);
});
buildIfNeeded();
const options = witnessedOptionsFromEnvironment();
if (options === null) {
  console.log("witnessed log: skipped (BENCH_WITNESSED=0)");
} else {
  const result = await benchWitnessed(options);
  console.log(["", "witnessed log:", ...witnessedLines(result)].join("\n"));
  const resultsDir = path.resolve("bench/results");
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    path.join(resultsDir, "witnessed.json"),
    JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2),
  );
}
