// Attack 1 (issue 10): one batch of 1,000 payments, recorded once, then sent again and again by 4 clients at
// once. Every item is already recorded, so the node owes each only its stored receipt; a node that rebuilds a
// receipt and a 1,000-leaf tree per item keeps its event loop busy for seconds per batch.
import { batchPaymentsMax } from "../../lib/ledger/limits";
import type { RunningServer } from "../../tests/support/server";
import { percentile } from "./health-probe";
import type { Attack, AttackReport, PaymentLoad } from "./measure";

export const replayClients = 4;
/** The batch route's largest batch (PROTOCOL.md: 1 to 1,000 items). */
export const replayBatchItems = batchPaymentsMax;
/** A replay slower than this is given up (and counted), so that stopping the attack cannot hang the bench. */
const replayTimeoutMs = 120_000;

type BatchAnswer = { results: ({ created: boolean } | { error: unknown })[] };

/** Records one batch of fresh payments, then answers an attack that replays it. */
export async function replayAttack(server: RunningServer, load: PaymentLoad): Promise<Attack> {
  const body = `{"payments":[${load.bodies(replayBatchItems).join(",")}]}`;
  const recorded = await fetch(`${server.url}/api/payments/batch`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    signal: AbortSignal.timeout(replayTimeoutMs),
  });
  if (recorded.status !== 200) throw new Error(`recording the replayed batch answered ${recorded.status}`);
  const answer = (await recorded.json()) as BatchAnswer;
  const createdCount = answer.results.filter((result) => "created" in result && result.created).length;
  if (createdCount !== replayBatchItems)
    throw new Error(`recording the replayed batch created ${createdCount} of ${replayBatchItems} payments`);

  let isRunning = false;
  let clients: Promise<void>[] = [];
  let latenciesMs: number[] = [];
  let statusCounts: Record<string, number> = {};
  let failures = 0;
  const replayOnce = async () => {
    const startedMs = performance.now();
    try {
      const response = await fetch(`${server.url}/api/payments/batch`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        signal: AbortSignal.timeout(replayTimeoutMs),
      });
      // Read whole, as a client would, but not parsed: the bench's own event loop must stay free for its probes.
      await response.arrayBuffer();
      statusCounts[response.status] = (statusCounts[response.status] ?? 0) + 1;
      latenciesMs.push(performance.now() - startedMs);
    } catch {
      failures++;
    }
  };
  const client = async () => {
    while (isRunning) await replayOnce();
  };
  return {
    start: () => {
      isRunning = true;
      latenciesMs = [];
      statusCounts = {};
      failures = 0;
      clients = Array.from({ length: replayClients }, client);
      return Promise.resolve();
    },
    stop: async (): Promise<AttackReport> => {
      isRunning = false;
      await Promise.all(clients);
      latenciesMs.sort((a, b) => a - b);
      const answered = latenciesMs.length;
      const statuses = Object.entries(statusCounts)
        .map(([status, count]) => `${status}: ${count}`)
        .join(", ");
      return {
        summary:
          `${answered} replays answered (${statuses || "none"}), p50 ${Math.round(percentile(latenciesMs, 0.5))} ms` +
          (failures > 0 ? `, ${failures} failed or timed out` : ""),
        figures: {
          answered,
          failures,
          p50Ms: percentile(latenciesMs, 0.5),
          maxMs: latenciesMs.at(-1) ?? Number.NaN,
          ...Object.fromEntries(Object.entries(statusCounts).map(([status, count]) => [`status${status}`, count])),
        },
      };
    },
  };
}
