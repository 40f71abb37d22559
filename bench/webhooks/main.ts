// `npx tsx --conditions=react-server bench/webhooks/main.ts`: the bench's webhooks part alone (the same settings as
// in `npm run bench`). Its figures go to bench/results/webhooks.json (not committed).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "../../scripts/build-if-needed";
import { webhooksLines } from "./report";
import { benchWebhooks, webhooksOptionsFromEnvironment } from "./webhooks";

process.on("unhandledRejection", (reason) => {
  console.error("webhooks bench: an unhandled rejection", reason instanceof Error ? reason.stack : reason);
  process.exit(1);
});
buildIfNeeded();
const options = webhooksOptionsFromEnvironment();
if (options === null) {
  console.log("webhooks: skipped (BENCH_WEBHOOKS=0)");
} else {
  const result = await benchWebhooks(options);
  console.log(["", "webhooks (a dead endpoint registered):", ...webhooksLines(result)].join("\n"));
  const resultsDir = path.resolve("bench/results");
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    path.join(resultsDir, "webhooks.json"),
    JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2),
  );
}
