// The limits as a request handler sees them (limits-host.ts holds them): in a single process, the node's own
// LimitsHost; in a worker of a node with several (WEB_CONCURRENCY), the primary's, asked over the cluster's IPC
// channel. Either way a call is a promise, and a refusal is the same LedgerError.
import "server-only";
import cluster from "node:cluster";
import { LedgerError } from "../../ledger/errors";
import type { Attempt, FailureLimits } from "../http/failure-limiter";
import type { FaucetBudgets } from "../faucet/faucet-budget";
import type { StreamSlotLimits } from "../events/stream-slots";
import {
  errorOf,
  LimitsHost,
  refusalOf,
  type FaucetReservation,
  type LimitCall,
  type LimitRefusal,
} from "./limits-host";

/** The tag of chainpay's own messages on the cluster channel, apart from Node's and anyone else's. */
export const limitsChannel = "chainpay:limits";

export type LimitRequestMessage = { channel: typeof limitsChannel; id: number; call: LimitCall };
export type LimitAnswerMessage =
  | { channel: typeof limitsChannel; id: number; value: unknown }
  | { channel: typeof limitsChannel; id: number; refusal: LimitRefusal };

/**
 * How long a worker waits for the primary's answer. The primary answers from memory in microseconds; one that
 * does not answer at all is stuck, and the request is refused rather than held.
 */
const answerTimeoutMs = 10_000;

type Ask = (call: LimitCall) => Promise<unknown>;

export type SharedLimits = {
  /** Counts an attempt as failed from the start, or refuses it (`rate_limited`) before it is checked. */
  beginFailure(limits: FailureLimits, clientKey: string, nowMs: number): Promise<Attempt>;
  succeedFailure(limits: FailureLimits, attempt: Attempt): Promise<void>;
  reserveFaucet(request: {
    budgets: FaucetBudgets;
    intervalMs: number;
    account: string;
    client: string;
    nowMs: number;
  }): Promise<FaucetReservation>;
  refundFaucet(budgets: FaucetBudgets, reservation: FaucetReservation): Promise<void>;
  /** Takes an event stream's slot, or refuses (`overloaded`); the function returned gives it back, once. */
  takeStreamSlot(limits: StreamSlotLimits, client: string): Promise<() => void>;
};

function sharedLimitsOver(ask: Ask): SharedLimits {
  return {
    beginFailure: async (limits, clientKey, nowMs) =>
      (await ask({ op: "failure.begin", limits, clientKey, nowMs })) as Attempt,
    succeedFailure: async (limits, attempt) => void (await ask({ op: "failure.succeed", limits, attempt })),
    reserveFaucet: async (request) => (await ask({ op: "faucet.reserve", ...request })) as FaucetReservation,
    refundFaucet: async (budgets, reservation) => void (await ask({ op: "faucet.refund", budgets, reservation })),
    takeStreamSlot: async (limits, client) => {
      const slot = (await ask({ op: "stream.take", limits, client })) as number;
      let isGivenBack = false;
      return () => {
        if (isGivenBack) return;
        isGivenBack = true;
        ask({ op: "stream.give", slot }).catch((error: unknown) => {
          console.error("chainpay: giving back an event stream's slot failed", error);
        });
      };
    },
  };
}

/** In one process: the host is right here, and a refusal is thrown as it is. */
function localAsk(host: LimitsHost): Ask {
  return (call) => {
    try {
      return Promise.resolve(host.handle(call, 0));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
}

/** In a worker: each call is a message to the primary, answered by id. */
function primaryAsk(): Ask {
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  process.on("message", (message: unknown) => {
    if (!isLimitAnswer(message)) return;
    const asked = waiting.get(message.id);
    if (asked === undefined) return;
    waiting.delete(message.id);
    if ("refusal" in message) asked.reject(errorOf(message.refusal));
    else asked.resolve(message.value);
  });
  return (call) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new LedgerError("overloaded", "The node's limits did not answer in time; retry shortly."));
      }, answerTimeoutMs);
      waiting.set(id, {
        resolve: (value) => (clearTimeout(timer), resolve(value)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      const request: LimitRequestMessage = { channel: limitsChannel, id, call };
      process.send?.(request);
    });
}

function isLimitAnswer(message: unknown): message is LimitAnswerMessage {
  return (
    typeof message === "object" && message !== null && (message as { channel?: unknown }).channel === limitsChannel
  );
}

/** The primary's side: answers one worker's request. */
export function answerLimitRequest(host: LimitsHost, owner: number, message: unknown): LimitAnswerMessage | null {
  if (!isLimitAnswer(message) || !("call" in message)) return null;
  const { id, call } = message as unknown as LimitRequestMessage;
  try {
    return { channel: limitsChannel, id, value: host.handle(call, owner) };
  } catch (error) {
    if (error instanceof LedgerError) return { channel: limitsChannel, id, refusal: refusalOf(error) };
    console.error("chainpay: a limit failed to answer", error);
    return { channel: limitsChannel, id, refusal: refusalOf(new LedgerError("overloaded", "Retry shortly.")) };
  }
}

const localHosts = new WeakMap<object, SharedLimits>();
const globalForLimits = globalThis as unknown as { chainpayPrimaryLimits?: SharedLimits };

/**
 * The limits `node` counts against. In a worker, the primary's, one for the process; otherwise a host per node,
 * made on first use, so that each node a test starts begins with a clean slate.
 */
export function sharedLimitsOf(node: object): SharedLimits {
  if (cluster.isWorker) return (globalForLimits.chainpayPrimaryLimits ??= sharedLimitsOver(primaryAsk()));
  let limits = localHosts.get(node);
  if (limits === undefined) {
    limits = sharedLimitsOver(localAsk(new LimitsHost()));
    localHosts.set(node, limits);
  }
  return limits;
}
