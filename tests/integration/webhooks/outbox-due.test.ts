// The delivery loop's due read on both databases: each endpoint's longest-due pending delivery, leaving out the
// endpoints the loop names (resting, or with an attempt in flight), and at a cost that follows the endpoints: a
// dead endpoint's backlog of thousands is probed once, not read, however long it grows.
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKind, sqliteFilePath } from "@/lib/db/database-url";
import { disconnectPrisma, getPrisma } from "@/lib/db/prisma";
import { webhookOutbox, webhookOutboxOver } from "@/lib/db/records/webhook-outbox";
import { preparedTestDatabase } from "../../support/node";
import { planNodes, statementsOf, type PlanNode } from "../../support/query-plans";

let databaseUrl: string;
const nowMs = 1_800_000_000_000;
const backlog = 3_000;
const hex64 = (index: number) => index.toString(16).padStart(64, "0");

beforeAll(async () => {
  ({ databaseUrl } = await preparedTestDatabase("outbox-due"));
  const prisma = getPrisma(databaseUrl);
  await prisma.webhookEndpoint.createMany({
    data: ["ep_dead", "ep_live", "ep_later", "ep_done"].map((id) => ({
      id,
      account: "aa".repeat(32),
      url: `https://${id}.example/hooks`,
      secret: "whsec_c2VjcmV0",
      createdAtMs: 1n,
    })),
  });
  const row = (endpointId: string, index: number, dueAtMs: number, status = "pending") => ({
    endpointId,
    txId: hex64(index),
    blockHeight: 1,
    status,
    attempts: 0,
    createdAtMs: BigInt(dueAtMs),
    nextAttemptAtMs: BigInt(dueAtMs),
  });
  await prisma.webhookDelivery.createMany({
    data: [
      // A dead endpoint's backlog, every one of them due, the oldest first in due time.
      ...Array.from({ length: backlog }, (_, index) => row("ep_dead", index, nowMs - 100_000 + index)),
      row("ep_live", 1, nowMs - 50),
      row("ep_live", 2, nowMs - 10),
      // Due only later; and delivered ones, never due.
      row("ep_later", 1, nowMs + 60_000),
      row("ep_done", 1, nowMs - 99_999_000, "delivered"),
    ],
  });
}, 60_000);

afterAll(async () => {
  await disconnectPrisma();
});

describe("the outbox's due read", () => {
  it("gives each endpoint's longest-due pending delivery, the longest due first", async () => {
    const due = await webhookOutbox(databaseUrl).due(nowMs, 64, []);
    expect(due).toEqual([
      { endpointId: "ep_dead", txId: hex64(0), blockHeight: 1, attempts: 0, nextAttemptAtMs: BigInt(nowMs - 100_000) },
      { endpointId: "ep_live", txId: hex64(1), blockHeight: 1, attempts: 0, nextAttemptAtMs: BigInt(nowMs - 50) },
    ]);
    expect(await webhookOutbox(databaseUrl).due(nowMs, 1, [])).toHaveLength(1);
  });

  it("leaves out the endpoints it is told to, and takes what is due by then", async () => {
    const outbox = webhookOutbox(databaseUrl);
    expect((await outbox.due(nowMs, 64, ["ep_dead"])).map((row) => row.txId)).toEqual([hex64(1)]);
    expect(await outbox.due(nowMs, 64, ["ep_dead", "ep_live"])).toEqual([]);
    expect((await outbox.due(nowMs + 60_000, 64, ["ep_dead", "ep_live"])).map((row) => row.endpointId)).toEqual([
      "ep_later",
    ]);
  });

  it(`probes each endpoint once through its index, never reading the dead one's ${backlog} behind its first`, async () => {
    const [query] = await statementsOf(databaseUrl, (_reads, client) =>
      webhookOutboxOver(() => client, databaseKind(databaseUrl)).due(nowMs, 64, ["ep_live"]),
    );
    if (databaseKind(databaseUrl) === "sqlite") {
      const database = new Database(sqliteFilePath(databaseUrl), { readonly: true });
      try {
        const plan = database.prepare(`EXPLAIN QUERY PLAN ${query!.sql}`).all(...query!.params) as { detail: string }[];
        const details = plan.map((step) => step.detail);
        expect(details).toContainEqual(
          expect.stringMatching(
            /SEARCH x USING (COVERING )?INDEX WebhookDelivery_endpointId_status_nextAttemptAtMs_idx/,
          ),
        );
        // The deliveries are only ever searched (the subquery's index, the join's rowid), never scanned.
        expect(details.filter((detail) => /^SCAN (d|x)\b/.test(detail))).toEqual([]);
      } finally {
        database.close();
      }
      return;
    }
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query("BEGIN; SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off");
      const { rows } = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${query!.sql}`,
        query!.params,
      );
      const deliveryScans = planNodes(rows[0]!["QUERY PLAN"][0].Plan).filter(
        (step) => step["Relation Name"] === "WebhookDelivery",
      );
      expect(deliveryScans.map((step) => step["Index Name"])).toEqual([
        "WebhookDelivery_endpointId_status_nextAttemptAtMs_idx",
      ]);
      for (const step of deliveryScans) {
        // One row at most each time it is probed, once per endpoint, and nothing read to be thrown away.
        expect(Number(step["Actual Rows"])).toBeLessThanOrEqual(1);
        expect(Number(step["Actual Loops"])).toBeLessThanOrEqual(4);
        expect(Number(step["Rows Removed by Filter"] ?? 0)).toBe(0);
      }
    } finally {
      await client.query("ROLLBACK");
      await client.end();
    }
  });
});
