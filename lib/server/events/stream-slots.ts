// How many event streams are open, in all and per client, and the refusal past either cap. Each stream takes
// a slot when it opens and gives it back once when it ends, however it ends.
import "server-only";
import { RetryLaterError } from "../http/errors";

/**
 * When a refused client should try again. Slots come free as streams end, at the latest after a stream's
 * lifetime; a few seconds spread the retries of many refused clients without keeping a wallet dark for long.
 */
export const streamSlotRetryAfterSeconds = 10;

export type StreamSlotLimits = { streamsMax: number; streamsPerClientMax: number };

export class StreamSlots {
  private openCount = 0;
  /** Only clients with a stream open have an entry, so the map cannot grow with clients that came and went. */
  private readonly openByClient = new Map<string, number>();
  private readonly limits: StreamSlotLimits;

  constructor(limits: StreamSlotLimits) {
    this.limits = limits;
  }

  get open(): number {
    return this.openCount;
  }

  /** Takes a slot for `client`, or refuses with `overloaded`; the function returned gives it back, once. */
  take(client: string): () => void {
    const clientCount = this.openByClient.get(client) ?? 0;
    if (this.openCount >= this.limits.streamsMax) {
      throw new RetryLaterError("overloaded", this.refusal("on this node"), streamSlotRetryAfterSeconds);
    }
    if (clientCount >= this.limits.streamsPerClientMax) {
      throw new RetryLaterError("overloaded", this.refusal("from this client"), streamSlotRetryAfterSeconds);
    }
    this.openCount += 1;
    this.openByClient.set(client, clientCount + 1);
    let isGivenBack = false;
    return () => {
      if (isGivenBack) return;
      isGivenBack = true;
      this.openCount -= 1;
      const left = (this.openByClient.get(client) ?? 1) - 1;
      if (left === 0) this.openByClient.delete(client);
      else this.openByClient.set(client, left);
    };
  }

  private refusal(where: string): string {
    return `Too many event streams are open ${where}; try again in ${streamSlotRetryAfterSeconds} s.`;
  }
}
