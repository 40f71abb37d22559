// `npm run verify -- <url> [--node-key <hex>]`: audit a running node through its public API, trusting nothing
// but the node key. Exit 0: the chain verifies; 1: it does not (the first bad block is named), or the node answered
// but not as the protocol says (a body too large, a redirect, not JSON, the wrong shape); 2: usage, or a network or
// node that is down or busy (unreachable, timed out, a 5xx or 429). `--timeout <seconds>` (1 to 600, default 30)
// is how long each request may take, its whole answer included.
// `npm run verify -- --file <export.json> --node-key <hex>`: verify an export (GET /api/admin/export) offline:
// every receipt and header, and the summary the node signed (what it covers, its balance, its count and the hash
// over its txIds), so that a receipt left out or a balance raised fails (exit 1). The key is required then: the
// export's own key field is part of what is being checked.
// `npm run verify -- --file <statement.json> [--node-key <hex>]`: verify a holder's statement, which the wallet
// builds (lib/verifier/statement/): every receipt under the node key (the statement's own when none is given, with a
// warning), every entry derived from its receipt, the account's, in the range and listed once, and the totals.
// v2, the witnessed log: `npm run verify -- <url> --policy <policy file>` also checks that the node's newest
// checkpoint is witnessed under that policy (tlog-policy: the node's vkey, the witnesses and the quorum) and is the
// log of the very chain just verified, and reports how far it lags; the policy's log key is then the trusted node
// key. `npm run verify -- --receipt <witnessed.json> --policy <policy file>` verifies a witnessed receipt offline,
// printing each check: exit 0 when all pass, 1 when one fails (it is named), 2 on usage or an unreadable file.
import { createReadStream } from "node:fs";
import { parseArgs } from "node:util";
import { bytesToHex, hex64Pattern } from "../lib/ledger/hex";
import { PolicyError, type Policy } from "../lib/ledger/log/policy";
import { verifyExport, type VerifyExportReport } from "../lib/verifier/verify-export";
import { NodeApiError } from "../lib/verifier/node-api";
import { nodeApiTimeoutSecondsMax } from "../lib/verifier/response-limits";
import { wholeNumberSchema } from "../lib/validations/whole-number";
import { verifyNode } from "../lib/verifier/verify-node";
import { VerifyPool } from "../lib/crypto/verify-pool";
import { readStatementFile, verifyStatementFile } from "../lib/verifier/statement/statement-cli";
import { printCheckpointReport, readBoundedFile, verifyReceiptFile } from "../lib/verifier/witnessed/verify-cli";
import { policyFileBytesMax, readPolicyText } from "../lib/verifier/witnessed/witnessed-receipt-file";

const usage = [
  "usage: npm run verify -- <url> [--node-key <hex64>] [--policy <policy file>] [--timeout <seconds>]",
  "       npm run verify -- --file <export.json> --node-key <hex64>",
  "       npm run verify -- --file <statement.json> [--node-key <hex64>]",
  "       npm run verify -- --receipt <witnessed.json> --policy <policy file>",
].join("\n");

// Reading a large export in large chunks keeps the per-chunk work small beside the verification itself.
const fileChunkBytes = 1024 * 1024;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        "node-key": { type: "string" },
        file: { type: "string" },
        receipt: { type: "string" },
        policy: { type: "string" },
        timeout: { type: "string" },
      },
    });
  } catch (error) {
    // An unknown option, one without its value, or a value that looks like an option: usage, not a stack trace.
    console.error(`error: ${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [baseUrl] = positionals;
  const nodeKey = values["node-key"];
  const { file, receipt, policy: policyFile } = values;
  const timeoutSeconds = values.timeout === undefined ? undefined : wholeSecondsOf(values.timeout);
  const isUsageWrong =
    (nodeKey !== undefined && !hex64Pattern.test(nodeKey)) ||
    timeoutSeconds === null ||
    // The timeout is a request's: only a node is asked over the network.
    (timeoutSeconds !== undefined && (file !== undefined || receipt !== undefined)) ||
    (receipt !== undefined
      ? positionals.length > 0 || file !== undefined || nodeKey !== undefined || policyFile === undefined
      : file === undefined
        ? baseUrl === undefined || positionals.length > 1
        : positionals.length > 0 || policyFile !== undefined);
  if (isUsageWrong) {
    console.error(usage);
    return 2;
  }
  let policy: Policy | undefined;
  try {
    policy = policyFile === undefined ? undefined : await readPolicy(policyFile);
  } catch (error) {
    console.error(`error: the policy ${policyFile}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  if (receipt !== undefined) return await verifyReceiptFile(receipt, policy!);
  if (file !== undefined) {
    let statement: unknown;
    try {
      statement = await readStatementFile(file);
    } catch (error) {
      console.error(`error: the file ${file}: ${error instanceof Error ? error.message : String(error)}`);
      return 2;
    }
    if (statement !== null) return await verifyStatementFile(statement, nodeKey);
    // An export's own key field is part of what is checked: its key must come from outside the file.
    if (nodeKey === undefined) {
      console.error(usage);
      return 2;
    }
  }
  const pool = new VerifyPool();
  try {
    if (file !== undefined) return await verifyFile(file, nodeKey!, pool);
    return await verifyUrl(baseUrl!, nodeKey, policy, pool, timeoutSeconds);
  } catch (error) {
    // A node that answered, but not as the protocol says, has not shown a chain that verifies, and asking again
    // will not make it one: that is a failed verification (1), not a passing trouble. Were it 2, a hostile node
    // could evade every audit by misbehaving, and a script that retries on 2 would retry it forever. A node that
    // does not answer at all (unreachable, too slow, 5xx, 429) may yet: that stays 2, with the network and usage.
    if (error instanceof NodeApiError && !error.isUnavailable) {
      console.log(`FAILED: ${error.message}`);
      return 1;
    }
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  } finally {
    await pool.close();
  }
}

const timeoutSchema = wholeNumberSchema(1, nodeApiTimeoutSecondsMax, "--timeout takes whole seconds");

/** `--timeout`'s value: whole seconds from 1 to nodeApiTimeoutSecondsMax, or null for anything else. */
function wholeSecondsOf(text: string): number | null {
  const parsed = timeoutSchema.safeParse(text);
  return parsed.success ? parsed.data : null;
}

/** Reads and parses a policy file; a policy that does not parse, or has no log line, is a usage error. */
async function readPolicy(path: string): Promise<Policy> {
  const bytes = await readBoundedFile(path, policyFileBytesMax);
  try {
    return readPolicyText(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    if (error instanceof PolicyError) throw error;
    throw new Error("is not UTF-8 text");
  }
}

async function verifyUrl(
  baseUrl: string,
  givenNodeKey: string | undefined,
  policy: Policy | undefined,
  pool: VerifyPool,
  timeoutSeconds: number | undefined,
): Promise<number> {
  // With a policy, its log line is the node key the verifier trusts; a --node-key given beside it must agree.
  const policyKeys = policy?.logs.map((key) => bytesToHex(key.publicKey)) ?? [];
  if (givenNodeKey !== undefined && policy !== undefined && !policyKeys.includes(givenNodeKey)) {
    console.error(`error: --node-key ${givenNodeKey} is not the policy's log key (${policyKeys.join(", ")})`);
    return 2;
  }
  const nodeKey = givenNodeKey ?? policyKeys[0];
  if (nodeKey === undefined) {
    console.warn("warning: no --node-key given; trusting the key the node announces (pass it to detect a swapped key)");
  }
  const started = performance.now();
  const report = await verifyNode({
    baseUrl,
    ...(nodeKey === undefined ? {} : { nodePublicKey: nodeKey }),
    ...(policy === undefined ? {} : { policy }),
    ...(timeoutSeconds === undefined ? {} : { timeoutMs: timeoutSeconds * 1000 }),
    verifyBatch: (checks) => pool.verify(checks),
    log: (line) => console.log(line),
  });
  const seconds = secondsSince(started);
  if (report.checkpoint !== null) printCheckpointReport(report.checkpoint);
  const witnessed =
    report.checkpoint?.size == null
      ? ""
      : `; its checkpoint of size ${report.checkpoint.size} is witnessed under quorum ${policy!.quorum}`;
  if (report.ok) {
    console.log(
      `OK: ${report.blocks} blocks and ${report.transactions} transactions verify (chain ${report.chainId}, head ${report.height})${witnessed} in ${seconds} s`,
    );
    return 0;
  }
  if (report.firstBad !== null) console.log(`FAILED at block ${report.firstBad.height}: ${report.firstBad.reason}`);
  for (const problem of report.problems) console.log(`FAILED: ${problem}`);
  if (report.checkpoint !== null && !report.checkpoint.ok)
    console.log("FAILED: the chain verifies, but the node's newest checkpoint does not (see the checks above)");
  return 1;
}

async function verifyFile(file: string, nodeKey: string, pool: VerifyPool): Promise<number> {
  const started = performance.now();
  const report = await verifyExport(createReadStream(file, { highWaterMark: fileChunkBytes }), {
    nodePublicKey: nodeKey,
    verifyBatch: (checks) => pool.verify(checks),
    log: (line) => console.log(line),
  });
  const seconds = secondsSince(started);
  if (report.ok) {
    console.log(
      `OK: export of ${report.receipts} receipts and ${report.headers} headers verifies (${describeExport(report)}) in ${seconds} s`,
    );
    return 0;
  }
  for (const problem of report.problems) console.log(`FAILED: ${problem}`);
  return 1;
}

function describeExport(report: VerifyExportReport): string {
  const what =
    report.kind === "account"
      ? `statement of account ${report.account}, balance ${report.balance}`
      : `blocks ${report.from} to ${report.to}`;
  const head = report.head === null ? "" : `, signed at head ${report.head.height} (${report.head.hash})`;
  return `${what}, chain ${report.chainId}${head}`;
}

function secondsSince(startedMs: number): string {
  return ((performance.now() - startedMs) / 1000).toFixed(2);
}

process.exitCode = await main();
