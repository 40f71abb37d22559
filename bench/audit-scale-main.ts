// `npx tsx --conditions=react-server bench/audit-scale-main.ts`: the bench's audit-as-the-chain-grows part alone,
// on a chain of BENCH_AUDIT_SCALE_PAYMENTS (default 2000000) seeded payments. Its figures go to
// bench/results/audit-scale.json (not committed).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { auditScaleLines, benchAuditScale } from "./audit-scale";
import { format, wholeNumberSetting } from "./support";

const payments = wholeNumberSetting("BENCH_AUDIT_SCALE_PAYMENTS", 2_000_000, 1);
const result = await benchAuditScale(payments);
console.log(["", `the full audit on ${format(payments)} payments:`, ...auditScaleLines(result)].join("\n"));
const resultsDir = path.resolve("bench/results");
mkdirSync(resultsDir, { recursive: true });
writeFileSync(
  path.join(resultsDir, "audit-scale.json"),
  JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2),
);
