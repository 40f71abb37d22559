// Exports and audits read database snapshots, and a client must not be able to hold them without end: past
// SNAPSHOTS_MAX open at once the next export or audit is refused with 503 `overloaded` and a retry-after, and a
// snapshot held past SNAPSHOT_SECONDS_MAX (an export its client never reads) is released, its export ended with
// that error, so that a new one can start. Both settings are made small here; nothing is timed.
import { afterEach, describe, expect, it, vi } from "vitest";
import * as exportRoute from "@/app/api/admin/export/route";
import * as auditRoute from "@/app/api/admin/audit/route";
import * as auditStreamRoute from "@/app/api/admin/audit/stream/route";
import * as batchRoute from "@/app/api/payments/batch/route";
import * as faucetRoute from "@/app/api/faucet/route";
import { getVerifyPool } from "@/lib/crypto/verify-pool";
import { openSnapshotCount } from "@/lib/server/export/snapshot-limits";
import { ConfigError, readConfig } from "@/lib/server/node/env";
import { adminToken, call, startTestNode } from "../../../support/node";
import { makeWallet, signPayment } from "../../../support/wallet";

const admin = { authorization: `Bearer ${adminToken}` };
const alice = makeWallet();
const bob = makeWallet();
// Enough receipts that a statement is several of the export's 256 KiB chunks: its snapshot stays held until the
// client has read it all, which these tests never do.
const paymentCount = 400;

/** A fresh node whose alice has paid bob `paymentCount` times, in one block. */
async function startNode(environment: Record<string, string>): Promise<void> {
  await startTestNode("snapshot-limits", { FAUCET_AMOUNT: "100000", ...environment });
  expect((await call(faucetRoute.POST, { body: { account: alice.publicKey } })).status).toBe(201);
  const payments = Array.from({ length: paymentCount }, () => signPayment(alice, bob.publicKey, "1"));
  const answer = await call(batchRoute.POST, { body: { payments } });
  expect((answer.body as { results: { created?: boolean }[] }).results.every((result) => result.created)).toBe(true);
}

/** Starts an export and answers its response, its body not read beyond what the stream reads ahead. */
async function startExport(query = `kind=account&account=${alice.publicKey}&format=json`): Promise<Response> {
  const request = new Request(`http://localhost/api/admin/export?${query}`, { headers: admin });
  return await exportRoute.GET(request, { params: Promise.resolve({}) });
}

const held: Response[] = [];

afterEach(async () => {
  // Whatever a test left held goes back, so that the next test (and node) starts with no snapshot open.
  for (const response of held.splice(0)) await response.body?.cancel();
  expect(openSnapshotCount()).toBe(0);
});

describe("snapshots open at once", () => {
  it("refuses the (N+1)th export, the audit and the audit stream with 503 overloaded and a retry-after", async () => {
    await startNode({ SNAPSHOTS_MAX: "2" });
    for (let index = 0; index < 2; index++) {
      const response = await startExport();
      expect(response.status).toBe(200);
      held.push(response);
    }
    expect(openSnapshotCount()).toBe(2);
    const refusal = {
      error: {
        code: "overloaded",
        message:
          "The node is reading 2 exports and audits already, the most it reads at once (SNAPSHOTS_MAX); try again in 5 s.",
      },
    };
    const path = `/api/admin/export?kind=blocks&from=0&to=1&format=csv`;
    for (const [handler, where] of [
      [exportRoute.GET, path],
      [auditRoute.GET, "/api/admin/audit"],
      [auditStreamRoute.GET, "/api/admin/audit/stream"],
    ] as const) {
      const answer = await call(handler, { path: where, headers: admin });
      expect(answer.status).toBe(503);
      expect(answer.headers.get("retry-after")).toBe("5");
      expect(answer.body).toEqual(refusal);
    }
    // The refusals held nothing, and a client that goes away gives its snapshot back at once.
    expect(openSnapshotCount()).toBe(2);
    await held.pop()!.body!.cancel();
    expect(openSnapshotCount()).toBe(1);
    const audit = await call(auditRoute.GET, { headers: admin });
    expect(audit.status).toBe(200);
    expect(audit.body).toMatchObject({ ok: true, transactions: paymentCount + 1 });
  });

  it("lets every export start again once the earlier ones are read to the end", async () => {
    await startNode({ SNAPSHOTS_MAX: "1" });
    for (let index = 0; index < 3; index++) {
      const response = await startExport();
      expect(response.status).toBe(200);
      const document = JSON.parse(await response.text()) as { summary: { count: number } };
      expect(document.summary.count).toBe(paymentCount + 1);
      expect(openSnapshotCount()).toBe(0);
    }
  });
});

describe("a snapshot held too long", () => {
  it("is released past SNAPSHOT_SECONDS_MAX: its export ends with that error, and a new one starts", async () => {
    await startNode({ SNAPSHOTS_MAX: "1", SNAPSHOT_SECONDS_MAX: "1" });
    const stalled = await startExport();
    expect(stalled.status).toBe(200);
    expect(openSnapshotCount()).toBe(1);
    // Never read: the node lets go of it by itself once its time is up.
    await vi.waitFor(() => expect(openSnapshotCount()).toBe(0), { timeout: 30_000, interval: 50 });
    await expect(stalled.text()).rejects.toThrow(
      "The export was stopped: it read its database snapshot for longer than 1 s (SNAPSHOT_SECONDS_MAX), and the snapshot was released.",
    );
    // One small export fits in the stream's first read, so it is done before any time limit could matter.
    const next = await startExport("kind=blocks&from=0&to=0&format=json");
    expect(next.status).toBe(200);
    expect(JSON.parse(await next.text())).toMatchObject({ kind: "blocks", summary: { count: 0 } });
    expect(openSnapshotCount()).toBe(0);
  });
});

/**
 * Runs `audit` with the audit's signature checks held back until its snapshot has expired (an audit as slow as a
 * huge chain's), and answers what it answered.
 */
async function auditPastItsTime<Answer>(audit: () => Promise<Answer>): Promise<Answer> {
  const pool = getVerifyPool();
  const verify = pool.verify.bind(pool);
  let openGate = () => {};
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  pool.verify = async (checks) => {
    await gate;
    return await verify(checks);
  };
  try {
    const answer = audit();
    await vi.waitFor(() => expect(openSnapshotCount()).toBe(1), { timeout: 30_000, interval: 20 });
    await vi.waitFor(() => expect(openSnapshotCount()).toBe(0), { timeout: 30_000, interval: 50 });
    openGate();
    return await answer;
  } finally {
    pool.verify = verify;
    openGate();
  }
}

const auditStopped = {
  code: "overloaded",
  message:
    "The audit was stopped: it read its database snapshot for longer than 1 s (SNAPSHOT_SECONDS_MAX), and the snapshot was released.",
};

describe("an audit held too long", () => {
  it("is stopped past SNAPSHOT_SECONDS_MAX with 503 overloaded saying so, its snapshot released", async () => {
    await startNode({ SNAPSHOTS_MAX: "1", SNAPSHOT_SECONDS_MAX: "1" });
    const answer = await auditPastItsTime(() => call(auditRoute.GET, { headers: admin }));
    expect(answer).toMatchObject({ status: 503, body: { error: auditStopped } });
    // Its place is free again: a small export, done in its stream's first read, starts.
    expect(openSnapshotCount()).toBe(0);
    const next = await startExport("kind=blocks&from=0&to=0&format=csv");
    expect(next.status).toBe(200);
    expect(await next.text()).toMatch(/^"blockHeight"/);
  });

  it("through the audit stream ends the stream with that error", async () => {
    await startNode({ SNAPSHOTS_MAX: "1", SNAPSHOT_SECONDS_MAX: "1" });
    const request = new Request("http://localhost/api/admin/audit/stream", { headers: admin });
    const text = await auditPastItsTime(async () => {
      const response = await auditStreamRoute.GET(request, { params: Promise.resolve({}) });
      expect(response.status).toBe(200);
      return await response.text();
    });
    const lines = text
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as unknown);
    expect(lines.at(-1)).toEqual({ error: auditStopped });
    expect(openSnapshotCount()).toBe(0);
  });
});

describe("the settings", () => {
  it("default to 4 snapshots held at most 600 s, and refuse what is not a whole number in range", () => {
    const base: NodeJS.ProcessEnv = { NODE_ENV: "test", DATA_DIR: "./data" };
    expect(readConfig(base)).toMatchObject({ snapshotsMax: 4, snapshotHoldSecondsMax: 600 });
    expect(readConfig({ ...base, SNAPSHOTS_MAX: "1", SNAPSHOT_SECONDS_MAX: "86400" })).toMatchObject({
      snapshotsMax: 1,
      snapshotHoldSecondsMax: 86_400,
    });
    for (const [variable, value, line] of [
      ["SNAPSHOTS_MAX", "0", 'chainpay: SNAPSHOTS_MAX must be a whole number from 1 to 1000 (got "0")'],
      ["SNAPSHOTS_MAX", "many", 'chainpay: SNAPSHOTS_MAX must be a whole number from 1 to 1000 (got "many")'],
      [
        "SNAPSHOT_SECONDS_MAX",
        "0.5",
        'chainpay: SNAPSHOT_SECONDS_MAX must be a whole number of seconds from 1 to 86400 (got "0.5")',
      ],
    ] as const) {
      let refusal: unknown;
      try {
        readConfig({ ...base, [variable]: value });
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(ConfigError);
      expect((refusal as ConfigError).lines()).toEqual([line]);
    }
  });
});
