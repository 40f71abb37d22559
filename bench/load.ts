// The bench's plain load: autocannon sending a fixed number of requests, each body taken in turn from a list, timed
// from the first request to the last response.
import autocannon from "autocannon";

export type LoadResult = {
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  statusCounts: Record<string, number>;
};

/** Runs autocannon for `amount` requests, each body taken in turn from `bodies` (or none, for GETs). */
export async function load(url: string, connections: number, amount: number, bodies?: string[]): Promise<LoadResult> {
  let next = 0;
  // Timed here, from the start to the last response: autocannon ends a run on its one-second tick, so its own
  // duration is in whole seconds, far too coarse for runs of a few seconds.
  const startedMs = performance.now();
  let lastResponseMs = startedMs;
  let finish: (result: autocannon.Result) => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url,
      connections,
      amount,
      method: bodies === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json" },
      requests: [
        {
          setupRequest: (request) =>
            bodies === undefined ? request : { ...request, body: bodies[next++ % bodies.length] },
        },
      ],
    },
    (error: unknown, result: autocannon.Result) => (error ? fail(error) : finish(result)),
  );
  instance.on("response", () => {
    lastResponseMs = performance.now();
  });
  const result = await finished;
  const seconds = (lastResponseMs - startedMs) / 1000;
  const statusCounts = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, Number(stats.count)]),
  );
  const successes = Object.entries(statusCounts)
    .filter(([code]) => code.startsWith("2"))
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    connections,
    requestsPerSecond: successes / seconds,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
    statusCounts,
  };
}

export function medianRound(results: LoadResult[]): LoadResult {
  const sorted = [...results].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return sorted[Math.floor(sorted.length / 2)]!;
}
