// `npx tsx --conditions=react-server bench/explorer-main.ts`: the bench's explorer part alone, on a chain of
// BENCH_EXPLORER_PAYMENTS (default 1000000) seeded payments and BENCH_EXPLORER_HOT_PAYMENTS (default 0) more between
// two accounts. Ten million with a hot account of one million: `BENCH_EXPLORER_PAYMENTS=9000000
// BENCH_EXPLORER_HOT_PAYMENTS=1000000` (it takes minutes, and several GB of disk). BENCH_EXPLORER_DATABASE=postgres
// seeds and serves a PostgreSQL database on a throwaway server instead of a SQLite file. Its figures go to
// bench/results/explorer.json (not committed).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "../scripts/build-if-needed";
import { benchExplorer, explorerLines } from "./explorer";
import { wholeNumberSetting } from "./support";

buildIfNeeded();
const payments = wholeNumberSetting("BENCH_EXPLORER_PAYMENTS", 1_000_000, 1);
const hotAccountPayments = wholeNumberSetting("BENCH_EXPLORER_HOT_PAYMENTS", 0, 0);
const database = process.env.BENCH_EXPLORER_DATABASE ?? "sqlite";
if (database !== "sqlite" && database !== "postgres") throw new Error("BENCH_EXPLORER_DATABASE is sqlite or postgres");
const result = await benchExplorer(payments, hotAccountPayments, database);
console.log(
  [
    "",
    `explorer on ${(payments + hotAccountPayments).toLocaleString("en-US")} payments (${database}):`,
    ...explorerLines(result),
  ].join("\n"),
);
const resultsDir = path.resolve("bench/results");
mkdirSync(resultsDir, { recursive: true });
writeFileSync(
  path.join(resultsDir, "explorer.json"),
  JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2),
);
