// The hostile part's liveness figure: GET /api/health sent at a fixed rate (open loop) for a window, each
// request timed from its own start to the end of its answer. An open loop is what shows a stalled node: a
// closed loop of one connection would send one request during a 30-second stall and count it once, where a
// load balancer's probes keep arriving and every one of them waits.
import { Agent, get } from "node:http";

export type HealthProbeResult = {
  sent: number;
  /** 200s, and anything else (a status, a connection error, no answer before the deadline). */
  ok: number;
  failed: number;
  /** Requests still unanswered at the deadline: counted with the time they had waited by then. */
  unanswered: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
};

/** Health probes per second: enough for a p99 of a few seconds' window, small beside the payments load. */
export const healthProbesPerSecond = 50;
/** How long the probe waits after its window for the answers still out, before counting them unanswered. */
const answerWaitMaxMs = 60_000;

export function percentile(sorted: readonly number[], fraction: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

/** Probes `url`/api/health for `seconds`, then waits (up to answerWaitMaxMs) for the answers still out. */
export async function probeHealth(url: string, seconds: number): Promise<HealthProbeResult> {
  // Keep-alive, as a load balancer's probe would: the figure is the node's answer time, not TCP set-up.
  const agent = new Agent({ keepAlive: true });
  const latenciesMs: number[] = [];
  // Each request still out, by its start time: what is left at the deadline is counted as waiting until then.
  const outstanding = new Map<number, number>();
  let isCounting = true;
  let ok = 0;
  let failed = 0;
  let allAnswered: () => void = () => {};
  const sendOne = () => {
    const id = sent;
    const startedMs = performance.now();
    outstanding.set(id, startedMs);
    let isFinished = false;
    const finish = (isOk: boolean) => {
      if (isFinished || !isCounting) return;
      isFinished = true;
      outstanding.delete(id);
      latenciesMs.push(performance.now() - startedMs);
      if (isOk) ok++;
      else failed++;
      if (outstanding.size === 0) allAnswered();
    };
    const request = get(`${url}/api/health`, { agent }, (response) => {
      response.resume();
      response.once("end", () => finish(response.statusCode === 200));
      response.once("error", () => finish(false));
    });
    request.once("error", () => finish(false));
  };
  const intervalMs = 1000 / healthProbesPerSecond;
  const windowStartMs = performance.now();
  let sent = 0;
  // Sends are scheduled against the window's start, not the previous send, so that a late timer (the bench's
  // own event loop is busy too) is caught up rather than lowering the rate.
  while (performance.now() - windowStartMs < seconds * 1000) {
    const due = Math.floor((performance.now() - windowStartMs) / intervalMs);
    for (; sent < due; sent++) sendOne();
    await new Promise((resolve) => setTimeout(resolve, intervalMs / 2));
  }
  if (outstanding.size > 0) {
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      allAnswered = resolve;
      timer = setTimeout(resolve, answerWaitMaxMs);
    });
    clearTimeout(timer);
  }
  isCounting = false;
  const deadlineMs = performance.now();
  const unanswered = outstanding.size;
  for (const startedMs of outstanding.values()) latenciesMs.push(deadlineMs - startedMs);
  agent.destroy();
  latenciesMs.sort((a, b) => a - b);
  return {
    sent,
    ok,
    failed: failed + unanswered,
    unanswered,
    p50Ms: percentile(latenciesMs, 0.5),
    p99Ms: percentile(latenciesMs, 0.99),
    maxMs: latenciesMs.at(-1) ?? Number.NaN,
  };
}
