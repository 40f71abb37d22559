// `tsx --conditions=react-server scripts/seed-log-chain.ts <blocks> [--data-dir DIR]`: appends that many one-mint
// blocks to the chain of DATA_DIR (prepared as `npm start` would), each with its log nodes, then times the log's
// reads on it: the benchmarks' long chain for the witnessed log (issue 11). SQLite files only, like `npm run seed`.
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { SqliteLedgerStore } from "../lib/db/sqlite-store";
import { readConfigOrExit } from "../lib/server/node/env";
import { prepareNode } from "../lib/server/node/prepare-node";
import { appendMintBlocks } from "./seed/log-chain";

const usage = "usage: tsx --conditions=react-server scripts/seed-log-chain.ts <blocks> [--data-dir DIR]";
const blocksMax = 10_000_000;
const timedReads = 200;

/** The median time of `read` over `timedReads` calls, in microseconds. */
async function medianMicroseconds(read: (attempt: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let attempt = 0; attempt < timedReads; attempt++) {
    const started = performance.now();
    await read(attempt);
    times.push((performance.now() - started) * 1000);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]!);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { "data-dir": { type: "string" } } });
  const text = positionals[0];
  if (text === undefined || !/^[1-9][0-9]*$/.test(text) || Number(text) > blocksMax || positionals.length !== 1) {
    console.error(usage);
    return 2;
  }
  if (values["data-dir"] !== undefined) {
    process.env.DATA_DIR = values["data-dir"];
    delete process.env.DATABASE_URL;
  }
  const { store, nodeKey, genesis } = await prepareNode(readConfigOrExit());
  try {
    if (!(store instanceof SqliteLedgerStore)) throw new Error("this script writes SQLite files only");
    const started = performance.now();
    const headHeight = appendMintBlocks(store, nodeKey, genesis.header.chainId, nodeKey.publicKeyHex, Number(text));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const size = await store.logSize();
    console.log(`seed-log-chain: head height ${headHeight}, log size ${size}, ${text} blocks in ${seconds} s`);
    const consistency = await medianMicroseconds((attempt) =>
      store.logConsistencyPath(1 + ((attempt * 7919) % size), size),
    );
    const inclusion = await medianMicroseconds((attempt) => store.logInclusionPath((attempt * 7919) % size, size));
    const root = await medianMicroseconds((attempt) => store.logRoot(size - (attempt % size)));
    console.log(
      `seed-log-chain: median over ${timedReads} reads: logConsistencyPath ${consistency} µs, ` +
        `logInclusionPath ${inclusion} µs, logRoot ${root} µs`,
    );
    store.database.pragma("wal_checkpoint(TRUNCATE)");
    return 0;
  } finally {
    await store.close();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`seed-log-chain: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
