// Attack 3 (issue 10): a hot account. A chain of many payments between 2 accounts, seeded as the explorer's part
// seeds its chain (`npm run seed -- N --accounts 2`: real Ed25519 signatures on worker threads, real signed
// blocks of 1,000, written straight into SQLite, about 40 s for 1,000,000 here), then 4 clients reading that
// account's pages in a loop: the first page, then deeper ones through nextBefore. A node that scans the whole
// history for each page spends most of a second of its event loop per page.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { root } from "../../scripts/build-if-needed";
import type { RunningServer } from "../../tests/support/server";
import { benchChainId } from "../support";
import { percentile } from "./health-probe";
import type { Attack, AttackReport } from "./measure";

export const hotAccountReaders = 4;
const pageLimit = 20;
/** Each reader goes this many pages deep, then starts again from the first page. */
const pagesDeepMax = 10;
/** The page timed alone, before any attack: 1 warm-up read, then this many (first and deeper pages in turn). */
const aloneReads = 20;
const readTimeoutMs = 60_000;

type AccountPage = { transactions: unknown[]; nextBefore: string | null };

/** Seeds a fresh data directory with `payments` payments between 2 accounts; says where and how long it took. */
export function seedHotChain(payments: number): { dataDir: string; seedSeconds: number } {
  const dataDir = mkdtempSync(path.join(tmpdir(), "chainpay-bench-hot-account-"));
  const startedMs = performance.now();
  const seeded = spawnSync(
    process.execPath,
    [
      ...["--import", "tsx", "--conditions=react-server", "scripts/seed.ts", String(payments)],
      ...["--accounts", "2", "--data-dir", dataDir],
    ],
    {
      cwd: root,
      env: { ...process.env, CHAIN_ID: benchChainId },
      // Its last line only: a line a second would crowd out the bench's own.
      stdio: ["ignore", "pipe", "inherit"],
      // A line a second for as long as the seed runs: spawnSync kills a child past its 1 MiB default, so room to spare.
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (seeded.status !== 0) throw new Error(`npm run seed failed with ${String(seeded.status)}`);
  const lines = seeded.stdout.toString().trim().split("\n");
  console.log(lines.at(-1));
  return { dataDir, seedSeconds: (performance.now() - startedMs) / 1000 };
}

/** One of the two seeded accounts: the seed's first block (height 1) holds the mints that fund them. */
export async function hotAccountOf(server: RunningServer): Promise<string> {
  const block = (await (await fetch(`${server.url}/api/blocks/1`)).json()) as {
    transactions: { tx: { type: string; to: string } }[];
  };
  const mint = block.transactions[0];
  if (block.transactions.length !== 2 || mint?.tx.type !== "mint")
    throw new Error("the hot chain's block 1 is not the seed's 2 mints");
  return mint.tx.to;
}

async function readPage(server: RunningServer, account: string, before: string | null): Promise<AccountPage> {
  const query = `limit=${pageLimit}${before === null ? "" : `&before=${before}`}`;
  const response = await fetch(`${server.url}/api/accounts/${account}?${query}`, {
    signal: AbortSignal.timeout(readTimeoutMs),
  });
  if (response.status !== 200) throw new Error(`the hot account's page answered ${response.status}`);
  return (await response.json()) as AccountPage;
}

export type HotPageAlone = { medianMs: number; p95Ms: number; firstPageMedianMs: number; deeperPageMedianMs: number };

/** The hot account's page timed alone (no load, one request at a time): first pages and deeper pages in turn. */
export async function timeHotPageAlone(server: RunningServer, account: string): Promise<HotPageAlone> {
  const first: number[] = [];
  const deeper: number[] = [];
  let before: string | null = (await readPage(server, account, null)).nextBefore;
  for (let index = 0; index < aloneReads; index++) {
    const isFirst = index % 2 === 0;
    const startedMs = performance.now();
    const page = await readPage(server, account, isFirst ? null : before);
    (isFirst ? first : deeper).push(performance.now() - startedMs);
    if (!isFirst) before = page.nextBefore;
  }
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const all = sorted([...first, ...deeper]);
  return {
    medianMs: percentile(all, 0.5),
    p95Ms: percentile(all, 0.95),
    firstPageMedianMs: percentile(sorted(first), 0.5),
    deeperPageMedianMs: percentile(sorted(deeper), 0.5),
  };
}

/** 4 clients reading the hot account's pages in a loop, each from the first page to pagesDeepMax deep. */
export function hotAccountAttack(server: RunningServer, account: string): Attack {
  let isRunning = false;
  let readers: Promise<void>[] = [];
  let latenciesMs: number[] = [];
  let failures = 0;
  const reader = async () => {
    let before: string | null = null;
    let depth = 0;
    while (isRunning) {
      const startedMs = performance.now();
      try {
        const page = await readPage(server, account, before);
        latenciesMs.push(performance.now() - startedMs);
        depth++;
        before = depth < pagesDeepMax ? page.nextBefore : null;
      } catch {
        failures++;
        before = null;
      }
      if (before === null) depth = 0;
    }
  };
  return {
    start: () => {
      isRunning = true;
      latenciesMs = [];
      failures = 0;
      readers = Array.from({ length: hotAccountReaders }, reader);
      return Promise.resolve();
    },
    stop: async (): Promise<AttackReport> => {
      isRunning = false;
      await Promise.all(readers);
      latenciesMs.sort((a, b) => a - b);
      return {
        summary:
          `${latenciesMs.length} pages read, p50 ${Math.round(percentile(latenciesMs, 0.5))} ms` +
          (failures > 0 ? `, ${failures} failed` : ""),
        figures: {
          pagesRead: latenciesMs.length,
          failures,
          p50Ms: percentile(latenciesMs, 0.5),
          maxMs: latenciesMs.at(-1) ?? Number.NaN,
        },
      };
    },
  };
}
