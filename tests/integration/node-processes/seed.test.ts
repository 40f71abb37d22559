// `npm run seed`: thousands of signed payments written straight into SQLite (many blocks a transaction), or into
// PostgreSQL through the node's seal, must still be a chain the node's own audit accepts, with balances that add
// up, and accounts whose statements verify offline.
import { beforeAll, describe, expect, it } from "vitest";
import * as auditRoute from "@/app/api/admin/audit/route";
import * as exportRoute from "@/app/api/admin/export/route";
import { blockTransactionsMax } from "@/lib/ledger/limits";
import type { LedgerNode } from "@/lib/server/node/context";
import { getPrisma } from "@/lib/db/prisma";
import { getVerifyPool } from "@/lib/crypto/verify-pool";
import { verifyExport } from "@/lib/verifier/verify-export";
import { adminToken, call, startTestNode } from "../../support/node";
import { testDatabaseKind } from "../../support/database";
import { runScript, type ScriptRun } from "../../support/server";

const payments = 5000;
const accountCount = 500;
const admin = { authorization: `Bearer ${adminToken}` };

let node: LedgerNode;
let seedRun: ScriptRun;

/**
 * The seed in its own process, as a person runs it. A SQLite node's data directory is named with --data-dir (its
 * own database, whatever DATABASE_URL says); a PostgreSQL node's database comes from DATABASE_URL, inherited.
 */
const runSeed = (...args: string[]) =>
  runScript("seed.ts", testDatabaseKind() === "sqlite" ? [...args, "--data-dir", node.config.dataDir] : args);

const prisma = () => getPrisma(process.env.DATABASE_URL!);

beforeAll(async () => {
  // A node prepared as `npm start` prepares it, then seeded from another process.
  node = await startTestNode("seed");
  seedRun = await runSeed(String(payments), "--accounts", String(accountCount));
}, 120_000);

describe("npm run seed", () => {
  it("reports what it wrote and how fast", () => {
    expect(seedRun.code).toBe(0);
    expect(seedRun.output).toMatch(
      /seed: wrote 5,000 payments and 500 mints in 6 blocks \(heights 1 to 6\) in [\d.]+ s: [\d,]+ payments\/s/,
    );
  });

  it("writes a chain the node's audit accepts, blocks of 1,000 and stored balances included", async () => {
    const response = await call(auditRoute.GET, { headers: admin });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      ok: true,
      height: 6,
      blocks: 7,
      transactions: payments + accountCount,
      firstBad: null,
    });
    const txCounts = (await node.store.blocksFrom(1, 10)).map((block) => block.header.txCount);
    expect(txCounts).toEqual([
      accountCount,
      ...Array.from({ length: payments / blockTransactionsMax }, () => blockTransactionsMax),
    ]);
  });

  it("keeps the money: the balances add up to what was minted, and no payment created any", async () => {
    const [balances, minted, paymentCount] = await Promise.all([
      prisma().account.aggregate({ _sum: { balanceMinor: true }, _count: true }),
      prisma().transaction.aggregate({ where: { type: "mint" }, _sum: { amountMinor: true } }),
      prisma().transaction.count({ where: { type: "payment" } }),
    ]);
    expect(balances._sum.balanceMinor).toBe(minted._sum.amountMinor);
    expect(minted._sum.amountMinor).toBeGreaterThan(0n);
    expect(paymentCount).toBe(payments);
    expect(balances._count).toBe(accountCount);
  });

  it("gives accounts whose statements verify offline", async () => {
    const { toKey } = (await prisma().transaction.findFirst({
      where: { type: "payment" },
      select: { toKey: true },
    }))!;
    const account = Buffer.from(toKey).toString("hex");
    const request = new Request(`http://localhost/api/admin/export?kind=account&account=${account}&format=json`, {
      headers: admin,
    });
    const text = await (await exportRoute.GET(request, { params: Promise.resolve({}) })).text();
    const report = await verifyExport(text, {
      nodePublicKey: node.nodePublicKey,
      verifyBatch: (checks) => getVerifyPool().verify(checks),
    });
    expect(report.problems).toEqual([]);
    expect(report.receipts).toBeGreaterThan(1);
  });

  it("appends to a chain already there, and refuses a bad count", async () => {
    const again = await runSeed("1500", "--accounts", "3");
    expect(again.output).toContain("wrote 1,500 payments and 3 mints in 3 blocks (heights 7 to 9)");
    const response = await call(auditRoute.GET, { headers: admin });
    expect(response.body).toMatchObject({ ok: true, height: 9, transactions: payments + accountCount + 1503 });
    expect((await runSeed("lots")).code).toBe(2);
  });
});
