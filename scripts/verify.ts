// `npm run verify -- <url> [--node-key <hex>]`: audit a running node through its public API, trusting nothing
// but the node key. Exit 0: the chain verifies; 1: it does not (the first bad block is named); 2: usage or network.
import { parseArgs } from "node:util";
import { hex64Pattern } from "../lib/ledger/hex";
import { verifyNode } from "../lib/verifier/verify-node";
import { VerifyPool } from "../lib/server/verify-pool";

const usage = "usage: npm run verify -- <url> [--node-key <hex64>]";

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { "node-key": { type: "string" } } });
  const [baseUrl] = positionals;
  const nodeKey = values["node-key"];
  if (baseUrl === undefined || positionals.length > 1 || (nodeKey !== undefined && !hex64Pattern.test(nodeKey))) {
    console.error(usage);
    return 2;
  }
  if (nodeKey === undefined) {
    console.warn("warning: no --node-key given; trusting the key the node announces (pass it to detect a swapped key)");
  }
  const pool = new VerifyPool();
  const started = performance.now();
  try {
    const report = await verifyNode({
      baseUrl,
      ...(nodeKey === undefined ? {} : { nodePublicKey: nodeKey }),
      verifyBatch: (checks) => pool.verify(checks),
      log: (line) => console.log(line),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (report.ok) {
      console.log(`OK: ${report.blocks} blocks and ${report.transactions} transactions verify (chain ${report.chainId}, head ${report.height}) in ${seconds} s`);
      return 0;
    }
    if (report.firstBad !== null) console.log(`FAILED at block ${report.firstBad.height}: ${report.firstBad.reason}`);
    for (const problem of report.problems) console.log(`FAILED: ${problem}`);
    return 1;
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  } finally {
    await pool.close();
  }
}

process.exitCode = await main();
