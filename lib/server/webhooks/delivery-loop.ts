// The webhook delivery loop (issue 12): once per sealing node process, beside the sealer and never in its way. A
// round reads the due deliveries (a bounded batch), claims each with a conditional UPDATE (so that two instances
// never post the same attempt at once), posts the signed event, and records the outcome: delivered on a 2xx, else
// due again on the Standard Webhooks schedule (retry-schedule.ts) and "failed" after the last attempt.
//
// Bounds: at most `inFlightMax` attempts in flight in all and one per endpoint at a time, so that a dead endpoint
// holds one slot, never the others'. An endpoint that fails rests (a few seconds growing to a minute) so that a
// dead endpoint costs the node one attempt per rest, not one per payment. The due read asks for each endpoint's
// longest-due delivery and leaves out those resting or with an attempt in flight, so that their deliveries are
// neither read nor written meanwhile: what a round costs follows the endpoints, never a dead one's backlog.
import "server-only";
import type { DueDelivery, DeliverySources, RecordedOutcome, WebhookOutbox } from "../../db/records/webhook-outbox";
import { attemptTimeoutMs, postWebhook, type AttemptOutcome } from "./post-webhook";
import { endpointRestMs, retryDelayMs } from "./retry-schedule";
import { webhookHeadersOf } from "./signing";
import { webhookEventOf } from "./webhook-event";

/** Attempts in flight at once, in all; each holds a socket and a timer for at most the attempt timeout. */
export const deliveriesInFlightMax = 16;
/** How often the loop looks for due deliveries when nothing wakes it sooner. */
export const deliveryPollMs = 200;
/** A claim outlasts its attempt by this much, so that a late outcome still finds the row as it claimed it. */
const claimMarginMs = 5_000;

export type DeliveryLoopOptions = {
  outbox: WebhookOutbox;
  allowPrivate: boolean;
  /** Multiplies every retry delay and rest (WEBHOOKS_RETRY_SCALE; 1 in production). */
  retryScale: number;
  inFlightMax?: number;
  pollMs?: number;
  attemptTimeoutMs?: number;
  /** For tests: posts an attempt (default: postWebhook). */
  post?: typeof postWebhook;
};

/** An endpoint that failed `failures` times in a row, resting until `untilMs`. */
type Rest = { failures: number; untilMs: number };

export class WebhookDeliveryLoop {
  private readonly options: Required<Omit<DeliveryLoopOptions, "post">> & { post: typeof postWebhook };
  /** Endpoint id → when its attempt in flight started. */
  private readonly inFlight = new Map<string, number>();
  private readonly rests = new Map<string, Rest>();
  private timer: NodeJS.Timeout | null = null;
  private isRunning = false;
  private isStopped = false;
  private lastError: string | null = null;
  private readonly attempts = new Set<Promise<void>>();
  /** The round in progress, which `stop` waits for: the outbox it reads may be closed right after. */
  private ticking: Promise<void> | null = null;

  constructor(options: DeliveryLoopOptions) {
    this.options = {
      inFlightMax: deliveriesInFlightMax,
      pollMs: deliveryPollMs,
      attemptTimeoutMs,
      post: postWebhook,
      ...options,
    };
  }

  start(): void {
    this.schedule(0);
  }

  /** Stops looking for work and waits for the attempts in flight (each ends within its timeout). */
  async stop(): Promise<void> {
    this.isStopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    await this.ticking;
    await Promise.allSettled([...this.attempts]);
  }

  private schedule(delayMs: number): void {
    if (this.isStopped) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => (this.ticking = null));
    }, delayMs);
    // The loop never keeps a process alive on its own.
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (this.isRunning) return;
    this.isRunning = true;
    let isMoreDue = false;
    try {
      isMoreDue = await this.round(Date.now());
      this.lastError = null;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Once per change, not once per round: a database that is down would otherwise fill the log.
      if (message !== this.lastError) console.error(`chainpay: the webhook delivery loop failed: ${message}`);
      this.lastError = message;
    } finally {
      this.isRunning = false;
      const hasRoom = this.inFlight.size < this.options.inFlightMax;
      this.schedule(isMoreDue && hasRoom ? 0 : this.options.pollMs);
    }
  }

  /** One round; true when more deliveries may be due than it took. */
  private async round(nowMs: number): Promise<boolean> {
    const free = this.options.inFlightMax - this.inFlight.size;
    if (free <= 0) return false;
    const isResting = (endpointId: string) => (this.rests.get(endpointId)?.untilMs ?? 0) > nowMs;
    const excluded = [...this.inFlight.keys(), ...[...this.rests.keys()].filter(isResting)];
    // One row per endpoint, a few more than the free slots; the filter below keeps out any endpoint the read's list
    // could not hold.
    const limit = Math.min(64, free * 4);
    const rows = await this.options.outbox.due(nowMs, limit, excluded);
    const picked = rows
      .filter((row) => !this.inFlight.has(row.endpointId) && !isResting(row.endpointId))
      .slice(0, free);
    if (picked.length > 0) {
      const sources = await this.options.outbox.sourcesOf(picked);
      for (const row of picked) await this.begin(row, sources, nowMs);
    }
    // Again at once only when this round started something: a read full of endpoints it could not take (resting
    // ones past the read's list, say) waits for the next poll rather than spinning.
    return picked.length > 0 && (rows.length === limit || picked.length === free);
  }

  private async begin(row: DueDelivery, sources: DeliverySources, nowMs: number): Promise<void> {
    const { outbox } = this.options;
    const endpoint = sources.endpoints.get(row.endpointId);
    if (endpoint === undefined || endpoint.disabledAtMs !== null) {
      // Every due delivery of it at once, not one a round.
      const reason = endpoint === undefined ? "the endpoint no longer exists" : "the endpoint is disabled";
      await outbox.abandonEndpoint(row.endpointId, nowMs, reason);
      return;
    }
    const transaction = sources.transactions.get(row.txId);
    const block = sources.blocks.get(row.blockHeight);
    if (transaction === undefined || block === undefined) {
      // The outbox row was written with its block: a payment missing from the chain is a bug, not an outage.
      console.error(`chainpay: webhook delivery ${row.endpointId}/${row.txId} has no stored payment; it is abandoned`);
      await outbox.abandon(row, "the payment is not in the stored chain");
      return;
    }
    const leaseUntilMs = nowMs + this.options.attemptTimeoutMs + claimMarginMs;
    if (!(await outbox.claim(row, nowMs, leaseUntilMs))) return;
    const event = webhookEventOf({
      txId: transaction.txId,
      blockHeight: block.height,
      blockHash: block.hash,
      sealedAt: block.timestamp,
      from: transaction.fromKey,
      to: transaction.toKey,
      amountMinor: transaction.amountMinor,
      memo: transaction.memo,
      account: endpoint.account,
    });
    const body = JSON.stringify(event);
    this.inFlight.set(row.endpointId, nowMs);
    const attempt = this.attempt(row, endpoint, body, leaseUntilMs).finally(() => {
      this.inFlight.delete(row.endpointId);
      this.attempts.delete(attempt);
      // A slot is free: look for the next due delivery now rather than at the next poll.
      if (this.timer !== null && !this.isRunning) this.schedule(0);
    });
    this.attempts.add(attempt);
  }

  private async attempt(
    row: DueDelivery,
    endpoint: { id: string; url: string; secret: string },
    body: string,
    leaseUntilMs: number,
  ): Promise<void> {
    const { outbox, allowPrivate, retryScale } = this.options;
    let outcome: AttemptOutcome;
    try {
      const headers = webhookHeadersOf(endpoint.secret, row.txId, Math.floor(Date.now() / 1000), body);
      outcome = await this.options.post(endpoint.url, body, headers, {
        allowPrivate,
        timeoutMs: this.options.attemptTimeoutMs,
      });
    } catch (error) {
      outcome = { isDelivered: false, statusCode: null, error: error instanceof Error ? error.message : String(error) };
    }
    const nowMs = Date.now();
    const recorded = this.outcomeOf(row.attempts + 1, outcome, nowMs);
    if (outcome.isDelivered) this.rests.delete(endpoint.id);
    else {
      const failures = (this.rests.get(endpoint.id)?.failures ?? 0) + 1;
      this.rests.set(endpoint.id, { failures, untilMs: nowMs + endpointRestMs(failures, retryScale) });
    }
    try {
      await outbox.record(row, leaseUntilMs, recorded, nowMs);
    } catch (error) {
      // The claim runs out and the delivery is attempted again: at least once, never lost.
      console.error(
        `chainpay: recording a webhook delivery failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private outcomeOf(attempts: number, outcome: AttemptOutcome, nowMs: number): RecordedOutcome {
    if (outcome.isDelivered) return { status: "delivered", statusCode: outcome.statusCode };
    const delayMs = retryDelayMs(attempts, this.options.retryScale);
    if (delayMs === null) return { status: "failed", statusCode: outcome.statusCode, error: outcome.error };
    return {
      status: "pending",
      statusCode: outcome.statusCode,
      error: outcome.error,
      nextAttemptAtMs: nowMs + delayMs,
    };
  }
}
