// The explorer's speed on a large chain: seed a data directory with signed payments (`npm run seed`), then, with
// `hotAccountPayments`, that many more between two new accounts (so that one account holds that many), serve it,
// sign in as an admin, and time each kind of explorer page and public API read on the server (sequential
// requests, median and p95). It reports the database's bytes on disk per payment too. On SQLite (the default) the
// chain is a file in the data directory; on PostgreSQL, a database on a throwaway server of its own.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startServer } from "../tests/support/server";
import { createTestDatabase, startPostgresServer } from "../scripts/postgres-server";
import { root } from "../scripts/build-if-needed";
import { format } from "./support";

export type PageTiming = { page: string; medianMs: number; p95Ms: number };

export type ExplorerDatabase = "sqlite" | "postgres";

export type ExplorerResult = {
  database: ExplorerDatabase;
  payments: number;
  hotAccountPayments: number;
  seedSeconds: number;
  /**
   * The SQLite files in the data directory (database, WAL), or the PostgreSQL database's own size (tables,
   * indexes, TOAST; the server's WAL is not the database's), in bytes, over the payments written.
   */
  bytesPerPayment: number;
  pages: PageTiming[];
};

const requestsPerPage = 25;
const adminPassword = "bench-admin-password";

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

/** Runs `npm run seed -- <payments> [accounts arguments]` in its own process with `environment` set. */
export function seed(environment: Record<string, string>, payments: number, accountsArguments: string[]): void {
  const seeded = spawnSync(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "scripts/seed.ts", String(payments), ...accountsArguments],
    {
      cwd: root,
      env: { ...process.env, ...environment },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  if (seeded.status !== 0) throw new Error(`npm run seed failed with ${String(seeded.status)}`);
}

function sqliteBytes(dataDir: string): number {
  return readdirSync(dataDir)
    .filter((name) => name.startsWith("chainpay.db"))
    .reduce((sum, name) => sum + statSync(path.join(dataDir, name)).size, 0);
}

async function postgresBytes(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ size: string }>("SELECT pg_database_size(current_database())::text AS size");
    return Number(rows[0]!.size);
  } finally {
    await client.end();
  }
}

export async function benchExplorer(
  payments: number,
  hotAccountPayments = 0,
  database: ExplorerDatabase = "sqlite",
): Promise<ExplorerResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "chainpay-bench-explorer-"));
  const postgres = database === "postgres" ? await startPostgresServer() : null;
  const databaseUrl =
    postgres === null ? null : (await createTestDatabase(postgres.adminUrl, "chainpay_bench_explorer")).url;
  const environment = {
    DATA_DIR: dataDir,
    CHAIN_ID: "chainpay-bench",
    ADMIN_PASSWORD: adminPassword,
    ...(databaseUrl === null ? {} : { DATABASE_URL: databaseUrl }),
  };
  try {
    return await timeExplorer(environment, payments, hotAccountPayments, database);
  } finally {
    await postgres?.stop();
    // A million payments take some 340 MB: a bench run leaves nothing behind in the temporary directory.
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function timeExplorer(
  environment: Record<string, string>,
  payments: number,
  hotAccountPayments: number,
  database: ExplorerDatabase,
): Promise<ExplorerResult> {
  const seedStarted = performance.now();
  seed(environment, payments, []);
  if (hotAccountPayments > 0) seed(environment, hotAccountPayments, ["--accounts", "2"]);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const bytes =
    environment.DATABASE_URL === undefined
      ? sqliteBytes(environment.DATA_DIR!)
      : await postgresBytes(environment.DATABASE_URL);
  const bytesPerPayment = bytes / (payments + hotAccountPayments);
  const server = await startServer(environment);
  try {
    const signIn = await fetch(`${server.url}/api/admin/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ password: adminPassword }),
    });
    const cookie = (signIn.headers.get("set-cookie") ?? "").split(";")[0]!;
    if (signIn.status !== 204 || cookie === "") throw new Error(`sign-in answered ${signIn.status}`);
    const node = (await (await fetch(`${server.url}/api/node`)).json()) as {
      head: { header: { height: number }; hash: string };
    };
    const middle = Math.floor(node.head.header.height / 2);
    const block = (await (await fetch(`${server.url}/api/blocks/${middle}`)).json()) as {
      transactions: { txId: string; tx: { to: string } }[];
    };
    const sample = block.transactions[0]!;
    // The hot account's payments are the chain's last ones: the head block's payee is one of its two accounts.
    const head = (await (await fetch(`${server.url}/api/blocks/${node.head.header.height}`)).json()) as {
      transactions: { tx: { to: string } }[];
    };
    const hot = head.transactions[0]!.tx.to;
    const deepCursor = async (account: string): Promise<string> => {
      let query = "";
      // Ten pages of 20 in, through the cursors the API hands out.
      for (let page = 0; page < 10; page++) {
        const answer = (await (await fetch(`${server.url}/api/accounts/${account}?limit=20${query}`)).json()) as {
          nextBefore: string | null;
        };
        if (answer.nextBefore === null) break;
        query = `&before=${answer.nextBefore}`;
      }
      return query;
    };
    const hotPages =
      hotAccountPayments > 0
        ? ([
            [`account holding ${hotAccountPayments.toLocaleString("en-US")} payments`, `/explorer/accounts/${hot}`],
            ["API: that account, first page", `/api/accounts/${hot}?limit=20`],
            ["API: that account, 11th page", `/api/accounts/${hot}?limit=20${await deepCursor(hot)}`],
          ] as const)
        : [];
    const pages = [
      ...hotPages,
      ["explorer home", "/explorer"],
      ["blocks page in the middle", `/explorer?before=${middle}`],
      ["block", `/explorer/blocks/${middle}`],
      ["transaction", `/explorer/transactions/${sample.txId}`],
      ["account", `/explorer/accounts/${sample.tx.to}`],
      ["search by prefix", `/explorer/search?q=${sample.txId.slice(0, 10)}`],
      ["audit page", "/explorer/audit"],
      ["API: node", "/api/node"],
      ["API: block in the middle", `/api/blocks/${middle}`],
      ["API: headers, 100 from the middle", `/api/headers?from=${middle}&limit=100`],
      ["API: transaction", `/api/transactions/${sample.txId}`],
      ["API: account", `/api/accounts/${sample.tx.to}?limit=20`],
    ] as const;
    const timings: PageTiming[] = [];
    for (const [name, pagePath] of pages) {
      const samples: number[] = [];
      for (let index = 0; index <= requestsPerPage; index++) {
        const started = performance.now();
        const response = await fetch(`${server.url}${pagePath}`, { headers: { cookie }, redirect: "manual" });
        await response.arrayBuffer();
        if (response.status !== 200 && response.status !== 307)
          throw new Error(`${pagePath} answered ${response.status}`);
        // The first request warms the route up; it is not counted.
        if (index > 0) samples.push(performance.now() - started);
      }
      samples.sort((a, b) => a - b);
      timings.push({ page: name, medianMs: percentile(samples, 0.5), p95Ms: percentile(samples, 0.95) });
    }
    return { database, payments, hotAccountPayments, seedSeconds, bytesPerPayment, pages: timings };
  } finally {
    await server.stop();
  }
}

/** The explorer part's lines in the bench's output: the seed, the bytes on disk, each page and read, the slowest. */
export function explorerLines(result: ExplorerResult): string[] {
  const slowest = Math.max(...result.pages.map((page) => page.medianMs));
  return [
    `seeded in ${format(result.seedSeconds, 1)} s` +
      (result.hotAccountPayments > 0
        ? ` (${format(result.hotAccountPayments)} of the payments between two accounts of their own)`
        : ""),
    `bytes on disk per payment: ${format(result.bytesPerPayment)} (${result.database === "sqlite" ? "the SQLite database and its WAL" : "the PostgreSQL database, its server's WAL aside"})`,
    "| page or read | median ms | p95 ms |",
    "|---|---:|---:|",
    ...result.pages.map((page) => `| ${page.page} | ${format(page.medianMs, 1)} | ${format(page.p95Ms, 1)} |`),
    `slowest median: ${format(slowest, 1)} ms (target < 100 ms)`,
  ];
}
