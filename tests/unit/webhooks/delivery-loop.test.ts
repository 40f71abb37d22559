// The delivery loop over an in-memory outbox that behaves as the database's conditional UPDATEs do, on fake timers:
// a dead endpoint is tried on the whole schedule (8 attempts over a day) and then marked failed; attempts in flight
// stay within the cap and one per endpoint; a disabled endpoint's deliveries are ended, not posted.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DueDelivery, RecordedOutcome, WebhookOutbox } from "@/lib/db/records/webhook-outbox";
import { WebhookDeliveryLoop } from "@/lib/server/webhooks/delivery-loop";
import type { AttemptOutcome } from "@/lib/server/webhooks/post-webhook";
import { deliveryAttemptsMax, retryDelaysMs } from "@/lib/server/webhooks/retry-schedule";

type Row = DueDelivery & { status: string; lastError: string | null; lastStatusCode: number | null };

function memoryOutbox(
  endpoints: { id: string; disabled?: boolean }[],
  deliveries: { endpointId: string; txId: string }[],
) {
  const rows = new Map<string, Row>();
  for (const { endpointId, txId } of deliveries)
    rows.set(`${endpointId} ${txId}`, {
      endpointId,
      txId,
      blockHeight: 1,
      attempts: 0,
      nextAttemptAtMs: BigInt(Date.now()),
      status: "pending",
      lastError: null,
      lastStatusCode: null,
    });
  const find = (key: { endpointId: string; txId: string }) => rows.get(`${key.endpointId} ${key.txId}`)!;
  const dueReads: string[][] = [];
  const writes: string[] = [];
  const outbox = {
    // Each endpoint's longest-due pending delivery, as the database's due read gives them; every read is counted.
    due: (nowMs: number, limit: number, excluded: readonly string[]) => {
      dueReads.push([...excluded]);
      const first = new Map<string, Row>();
      for (const row of [...rows.values()].sort((a, b) => Number(a.nextAttemptAtMs - b.nextAttemptAtMs)))
        if (row.status === "pending" && row.nextAttemptAtMs <= BigInt(nowMs) && !excluded.includes(row.endpointId))
          if (!first.has(row.endpointId)) first.set(row.endpointId, row);
      return Promise.resolve([...first.values()].slice(0, limit).map((row) => ({ ...row })));
    },
    claim: (read: DueDelivery, nowMs: number, leaseUntilMs: number) => {
      writes.push(`claim ${read.endpointId} ${read.txId}`);
      const row = find(read);
      if (row.status !== "pending" || row.nextAttemptAtMs !== read.nextAttemptAtMs) return Promise.resolve(false);
      row.nextAttemptAtMs = BigInt(leaseUntilMs);
      row.attempts += 1;
      void nowMs;
      return Promise.resolve(true);
    },
    sourcesOf: (due: readonly DueDelivery[]) =>
      Promise.resolve({
        endpoints: new Map(
          endpoints.map((endpoint) => [
            endpoint.id,
            {
              id: endpoint.id,
              account: "aa".repeat(32),
              url: `https://${endpoint.id}.example/hooks`,
              secret: `whsec_${Buffer.from("secret").toString("base64")}`,
              disabledAtMs: endpoint.disabled === true ? 1n : null,
            },
          ]),
        ),
        transactions: new Map(
          due.map((row) => [
            row.txId,
            {
              txId: row.txId,
              fromKey: "bb".repeat(32),
              toKey: "aa".repeat(32),
              amountMinor: 5n,
              memo: null,
              blockHeight: 1,
            },
          ]),
        ),
        blocks: new Map([[1, { height: 1, hash: "cc".repeat(32), timestamp: "2026-12-01T00:00:00.000Z" }]]),
      }),
    record: (key: { endpointId: string; txId: string }, leaseUntilMs: number, outcome: RecordedOutcome) => {
      const row = find(key);
      if (row.status !== "pending" || row.nextAttemptAtMs !== BigInt(leaseUntilMs)) return Promise.resolve(false);
      row.status = outcome.status;
      row.lastStatusCode = outcome.statusCode;
      row.lastError = outcome.status === "delivered" ? null : outcome.error;
      if (outcome.status === "pending") row.nextAttemptAtMs = BigInt(outcome.nextAttemptAtMs);
      return Promise.resolve(true);
    },
    abandonEndpoint: (endpointId: string, nowMs: number, error: string) => {
      for (const row of rows.values())
        if (row.endpointId === endpointId && row.status === "pending" && row.nextAttemptAtMs <= BigInt(nowMs)) {
          row.status = "failed";
          row.lastError = error;
        }
      return Promise.resolve();
    },
    abandon: (read: DueDelivery, error: string) => {
      const row = find(read);
      row.status = "failed";
      row.lastError = error;
      return Promise.resolve();
    },
  };
  return { outbox: outbox as unknown as WebhookOutbox, rows, dueReads, writes };
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-12-01T00:00:00Z") });
});

afterEach(() => {
  vi.useRealTimers();
});

describe("the delivery loop", () => {
  it("tries a dead endpoint on the whole schedule, then marks the delivery failed", async () => {
    const { outbox, rows } = memoryOutbox([{ id: "dead" }], [{ endpointId: "dead", txId: "t1" }]);
    const attemptsAtMs: number[] = [];
    const post = (): Promise<AttemptOutcome> => {
      attemptsAtMs.push(Date.now());
      return Promise.resolve({ isDelivered: false, statusCode: 502, error: "answered 502" });
    };
    // A hundredth of the schedule (as WEBHOOKS_RETRY_SCALE=0.01 would make it): 16 minutes instead of 27 hours.
    const scale = 0.01;
    const loop = new WebhookDeliveryLoop({ outbox, allowPrivate: false, retryScale: scale, post });
    loop.start();
    await vi.advanceTimersByTimeAsync(30 * 3_600_000 * scale);
    await loop.stop();
    expect(attemptsAtMs).toHaveLength(deliveryAttemptsMax);
    const gaps = attemptsAtMs.slice(1).map((atMs, index) => atMs - attemptsAtMs[index]!);
    gaps.forEach((gapMs, index) => {
      expect(gapMs).toBeGreaterThanOrEqual(retryDelaysMs[index]! * scale * 0.9);
      expect(gapMs).toBeLessThanOrEqual(retryDelaysMs[index]! * scale * 1.1 + 500);
    });
    expect(rows.get("dead t1")).toMatchObject({
      status: "failed",
      attempts: 8,
      lastStatusCode: 502,
      lastError: "answered 502",
    });
  });

  it("keeps attempts within the cap, one per endpoint, and a hung endpoint holds no other's", async () => {
    const endpoints = ["a", "b", "c", "d"].map((id) => ({ id }));
    const deliveries = endpoints.flatMap(({ id }) => ["1", "2", "3"].map((txId) => ({ endpointId: id, txId })));
    const { outbox, rows } = memoryOutbox(endpoints, deliveries);
    const inFlight = new Map<string, number>();
    let mostInFlight = 0;
    const post = async (url: string): Promise<AttemptOutcome> => {
      const endpoint = new URL(url).hostname.split(".")[0]!;
      inFlight.set(endpoint, (inFlight.get(endpoint) ?? 0) + 1);
      expect(inFlight.get(endpoint)).toBe(1);
      mostInFlight = Math.max(
        mostInFlight,
        [...inFlight.values()].reduce((sum, count) => sum + count, 0),
      );
      // Endpoint "a" hangs for its whole timeout every time; the others answer in 50 ms.
      await new Promise((resolve) => setTimeout(resolve, endpoint === "a" ? 10_000 : 50));
      inFlight.set(endpoint, inFlight.get(endpoint)! - 1);
      return endpoint === "a"
        ? { isDelivered: false, statusCode: null, error: "no answer within 10000 ms" }
        : { isDelivered: true, statusCode: 204 };
    };
    const loop = new WebhookDeliveryLoop({ outbox, allowPrivate: false, retryScale: 1, inFlightMax: 2, post });
    loop.start();
    await vi.advanceTimersByTimeAsync(5_000);
    // Within 5 s, while "a" still holds its first attempt, every delivery of b, c and d went out on the other slot.
    for (const id of ["b", "c", "d"])
      for (const txId of ["1", "2", "3"]) expect(rows.get(`${id} ${txId}`)?.status).toBe("delivered");
    expect(mostInFlight).toBe(2);
    expect([...rows.values()].filter((row) => row.endpointId === "a" && row.attempts > 0)).toHaveLength(1);
    // Stopping waits for the hung attempt, which ends at its timeout.
    const stopping = loop.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    await stopping;
  });

  it("leaves a resting endpoint out of its reads, and writes none of its backlog, until the rest is over", async () => {
    const deliveries = Array.from({ length: 500 }, (_, index) => ({ endpointId: "dead", txId: `d${index}` }));
    const { outbox, rows, dueReads, writes } = memoryOutbox([{ id: "dead" }, { id: "live" }], deliveries);
    let deadAttempts = 0;
    const post = (url: string): Promise<AttemptOutcome> => {
      if (!url.includes("dead")) return Promise.resolve({ isDelivered: true, statusCode: 204 });
      deadAttempts += 1;
      return Promise.resolve({ isDelivered: false, statusCode: 502, error: "answered 502" });
    };
    const loop = new WebhookDeliveryLoop({ outbox, allowPrivate: false, retryScale: 1, post });
    loop.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(deadAttempts).toBe(1);
    // A payment to the live endpoint arrives while the dead one rests (1 s after its first failure).
    rows.set("live t", { ...rows.get("dead d1")!, endpointId: "live", txId: "t", attempts: 0 });
    rows.get("live t")!.nextAttemptAtMs = BigInt(Date.now());
    const readsBefore = dueReads.length;
    await vi.advanceTimersByTimeAsync(800);
    expect(rows.get("live t")?.status).toBe("delivered");
    expect(dueReads.length).toBeGreaterThan(readsBefore);
    expect(dueReads.slice(readsBefore).every((excluded) => excluded.includes("dead"))).toBe(true);
    expect(writes.filter((write) => write.startsWith("claim dead"))).toHaveLength(1);
    expect([...rows.values()].filter((row) => row.endpointId === "dead" && row.attempts === 0)).toHaveLength(499);
    // After its rest, one more attempt.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(deadAttempts).toBe(2);
    await loop.stop();
  });

  it("waits for the next poll when a read brings only endpoints it cannot take, rather than reading again at once", async () => {
    const endpoints = Array.from({ length: 80 }, (_, index) => ({ id: `dead${index}` }));
    const { outbox, dueReads } = memoryOutbox(
      endpoints,
      endpoints.flatMap(({ id }) => ["t", "u"].map((txId) => ({ endpointId: id, txId }))),
    );
    // A read that leaves no one out, as one past its list of excluded endpoints would: every row is a resting one's.
    const due = outbox.due.bind(outbox);
    outbox.due = (nowMs, limit) => due(nowMs, limit, []);
    const post = () => Promise.resolve<AttemptOutcome>({ isDelivered: false, statusCode: 502, error: "answered 502" });
    const loop = new WebhookDeliveryLoop({ outbox, allowPrivate: false, retryScale: 1, post });
    loop.start();
    // Every endpoint fails once and rests for a second, its second delivery due meanwhile.
    await vi.advanceTimersByTimeAsync(300);
    const readsBefore = dueReads.length;
    await vi.advanceTimersByTimeAsync(500);
    // The poll is every 200 ms: two or three reads, not one per turn of the event loop.
    expect(dueReads.length - readsBefore).toBeLessThanOrEqual(4);
    await loop.stop();
  });

  it("ends the deliveries of a disabled endpoint without posting them", async () => {
    const { outbox, rows } = memoryOutbox(
      [{ id: "off", disabled: true }],
      [
        { endpointId: "off", txId: "t" },
        { endpointId: "off", txId: "u" },
      ],
    );
    const post = vi.fn<() => Promise<AttemptOutcome>>();
    const loop = new WebhookDeliveryLoop({ outbox, allowPrivate: false, retryScale: 1, post });
    loop.start();
    await vi.advanceTimersByTimeAsync(1_000);
    await loop.stop();
    expect(post).not.toHaveBeenCalled();
    for (const key of ["off t", "off u"])
      expect(rows.get(key)).toMatchObject({ status: "failed", attempts: 0, lastError: "the endpoint is disabled" });
  });
});

describe("stopping the loop", () => {
  it("waits for the round in progress, so that the outbox it reads can be closed right after", async () => {
    const { outbox } = memoryOutbox([{ id: "shop" }], []);
    let releaseRead: () => void = () => {};
    let isReading = false;
    outbox.due = () => {
      isReading = true;
      return new Promise((resolve) => (releaseRead = () => resolve([])));
    };
    const loop = new WebhookDeliveryLoop({ outbox, allowPrivate: false, retryScale: 1 });
    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(isReading).toBe(true);
    let isStopped = false;
    const stopping = loop.stop().then(() => (isStopped = true));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(isStopped).toBe(false);
    releaseRead();
    await stopping;
    expect(isStopped).toBe(true);
  });
});
