// When a failed delivery is tried again: the Standard Webhooks spec's suggested schedule ("Retry schedule"), an
// attempt at once and then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (a little over a day in all), each
// delay with ±10 % jitter so that the deliveries a stretch of downtime failed together do not all come back in
// the same second. After the last one the delivery is "failed" (an admin may redeliver it by hand).

/** The delay after the n-th failed attempt (index n - 1), unscaled. */
export const retryDelaysMs: readonly number[] = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
];

/** Attempts in all: the first and one per delay. */
export const deliveryAttemptsMax = retryDelaysMs.length + 1;

/** How far a delay may move either way. */
export const retryJitter = 0.1;

/**
 * The delay before the next attempt after `attempts` failed ones (1 or more), or null when none is left. `scale`
 * shrinks the whole schedule (tests and the bench use WEBHOOKS_RETRY_SCALE); `random` is in [0, 1).
 */
export function retryDelayMs(attempts: number, scale = 1, random: () => number = Math.random): number | null {
  if (attempts < 1) return 0;
  const base = retryDelaysMs[attempts - 1];
  if (base === undefined) return null;
  const jittered = base * (1 + retryJitter * (2 * random() - 1));
  return Math.max(1, Math.round(jittered * scale));
}

/** How long an endpoint that failed `failures` times in a row rests before any of its deliveries is tried. */
export function endpointRestMs(failures: number, scale = 1): number {
  if (failures < 1) return 0;
  return Math.max(1, Math.round(Math.min(60_000, 1_000 * 2 ** Math.min(failures - 1, 16)) * scale));
}
