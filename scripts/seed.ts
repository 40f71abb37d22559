// `npm run seed -- <payments> [--data-dir DIR] [--accounts N]`: fills a data directory (DATA_DIR, prepared here
// as `npm start` would) with that many signed payments between a few thousand funded accounts, as real blocks
// of 1,000: every account is funded by a mint the node signs, every payment is signed by its payer (Ed25519,
// spread over one worker thread per core), and every block is hashed, Merkle-rooted and signed with the pure
// core's own code. The result is a chain the node's audit and `npm run verify` accept, for the explorer, the
// exports and the benchmarks to work on. It appends to whatever chain is there; each commit is atomic, so an
// interrupted seed leaves a shorter chain, never a broken one.
import { parseArgs } from "node:util";
import { seedRunLimits } from "./seed/limits";
import { seedChain } from "./seed/seed-chain";

const usage = "usage: npm run seed -- <payments> [--data-dir DIR] [--accounts N]";

function parseCount(text: string | undefined, min: number, max: number): number | null {
  if (text === undefined || !/^[1-9][0-9]*$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { "data-dir": { type: "string" }, accounts: { type: "string" } },
  });
  const payments = parseCount(positionals[0], 1, seedRunLimits.paymentsMax);
  const accountCount =
    values.accounts === undefined
      ? Math.min(seedRunLimits.accountsDefaultMax, Math.max(seedRunLimits.accountsMin, Math.ceil((payments ?? 0) / 10)))
      : parseCount(values.accounts, seedRunLimits.accountsMin, seedRunLimits.accountsMax);
  if (payments === null || accountCount === null || positionals.length !== 1) {
    console.error(usage);
    return 2;
  }
  if (values["data-dir"] !== undefined) {
    // An explicit directory means its own database, whatever DATABASE_URL says.
    process.env.DATA_DIR = values["data-dir"];
    delete process.env.DATABASE_URL;
  }
  await seedChain({ payments, accountCount });
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`seed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
