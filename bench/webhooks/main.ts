// `npx tsx --conditions=react-server bench/webhooks/main.ts`: the bench's webhooks part alone (the same settings as in
// `npm run bench`). Its figures go to bench/results/webhooks.json (not committed).
import { runPartAlone } from "../part-alone";
import { webhooksLines } from "./report";
import { benchWebhooks, webhooksOptionsFromEnvironment } from "./webhooks";

await runPartAlone({
  name: "webhooks",
  heading: "webhooks (a dead endpoint registered)",
  skippedBy: "BENCH_WEBHOOKS=0",
  options: webhooksOptionsFromEnvironment,
  run: benchWebhooks,
  lines: webhooksLines,
});
