// The explorer's speed on a large chain: seed a data directory with signed payments (`npm run seed`), serve it,
// sign in as an admin, and time each kind of explorer page on the server (sequential requests, median and p95).
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startServer } from "../tests/support/server";
import { root } from "../scripts/build-if-needed";

export type PageTiming = { page: string; medianMs: number; p95Ms: number };

const requestsPerPage = 25;
const adminPassword = "bench-admin-password";

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

export async function benchExplorer(
  payments: number,
): Promise<{ payments: number; seedSeconds: number; pages: PageTiming[] }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "chainpay-bench-explorer-"));
  const environment = { DATA_DIR: dataDir, CHAIN_ID: "chainpay-bench", ADMIN_PASSWORD: adminPassword };
  const seedStarted = performance.now();
  const seeded = spawnSync(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "scripts/seed.ts", String(payments)],
    {
      cwd: root,
      env: { ...process.env, ...environment },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  if (seeded.status !== 0) throw new Error(`npm run seed failed with ${String(seeded.status)}`);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
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
    const pages = [
      ["explorer home", "/explorer"],
      ["blocks page in the middle", `/explorer?before=${middle}`],
      ["block", `/explorer/blocks/${middle}`],
      ["transaction", `/explorer/transactions/${sample.txId}`],
      ["account", `/explorer/accounts/${sample.tx.to}`],
      ["search by prefix", `/explorer/search?q=${sample.txId.slice(0, 10)}`],
      ["audit page", "/explorer/audit"],
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
    return { payments, seedSeconds, pages: timings };
  } finally {
    await server.stop();
  }
}
