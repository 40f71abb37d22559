// The bounds on database snapshots, which exports and audits read from: at most SNAPSHOTS_MAX open at once in a
// process (past it, 503 `overloaded` with retry-after), each held at most SNAPSHOT_SECONDS_MAX. A snapshot pins
// a connection and, on SQLite, keeps the WAL from being checkpointed past it; on PostgreSQL it holds back vacuum:
// so a client that opens many, or reads one slowly (or never), must not be able to hold them without end.
import "server-only";
import type { LedgerReader, LedgerSnapshot } from "../../db/ledger-store";
import { LedgerError } from "../../ledger/errors";
import { RetryLaterError } from "../http/errors";
import type { LedgerNode } from "../node/context";

/** How long a refused client is told to wait: about as long as a small export or audit takes. */
const refusedRetryAfterSeconds = 5;

/** A snapshot held past its time: whatever reads it next fails with this, and it has been released. */
export class SnapshotExpiredError extends LedgerError {
  constructor(purpose: string, holdSecondsMax: number) {
    super(
      "overloaded",
      `The ${purpose} was stopped: it read its database snapshot for longer than ${holdSecondsMax} s ` +
        "(SNAPSHOT_SECONDS_MAX), and the snapshot was released.",
    );
  }
}

/**
 * A snapshot under the limits: `reader` reads it until it is released or expires; `assertHeld` throws the
 * expiry for work that goes on from what it read already (an export's pieces); release is idempotent.
 */
export type LimitedSnapshot = { reader: LedgerReader; assertHeld: () => void; release: () => void };

let openCount = 0;

/** How many snapshots exports and audits hold now in this process. */
export function openSnapshotCount(): number {
  return openCount;
}

/**
 * Opens a snapshot for an export or an audit (`purpose` names it in messages), or refuses with `overloaded`
 * when SNAPSHOTS_MAX are open already. Past SNAPSHOT_SECONDS_MAX the snapshot is released, and every read
 * after that throws SnapshotExpiredError: the underlying connection is never read again once it went back to
 * its pool, where another request may hold it.
 */
export async function openLimitedSnapshot(node: LedgerNode, purpose: string): Promise<LimitedSnapshot> {
  const { snapshotsMax, snapshotHoldSecondsMax } = node.config;
  if (openCount >= snapshotsMax) {
    throw new RetryLaterError(
      "overloaded",
      `The node is reading ${openCount} exports and audits already, the most it reads at once (SNAPSHOTS_MAX); ` +
        `try again in ${refusedRetryAfterSeconds} s.`,
      refusedRetryAfterSeconds,
    );
  }
  // Counted before the await, so that requests arriving together cannot all pass the check.
  openCount += 1;
  let snapshot: LedgerSnapshot;
  try {
    snapshot = await node.store.openSnapshot();
  } catch (error) {
    openCount -= 1;
    throw error;
  }
  let isOpen = true;
  let expired: SnapshotExpiredError | null = null;
  const release = () => {
    if (!isOpen) return;
    isOpen = false;
    openCount -= 1;
    clearTimeout(timer);
    snapshot.release().catch((error: unknown) => console.error(`releasing the ${purpose}'s snapshot failed`, error));
  };
  const timer = setTimeout(() => {
    expired = new SnapshotExpiredError(purpose, snapshotHoldSecondsMax);
    console.error(`chainpay: ${expired.message}`);
    release();
  }, snapshotHoldSecondsMax * 1000);
  // A held snapshot must not keep a process alive that is otherwise done.
  timer.unref();
  const reader = new Proxy(snapshot, {
    get(target, property, receiver) {
      // Only the limits release the snapshot (through `release` below), so that its count stays right.
      if (property === "release") return undefined;
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]): unknown => {
        // Every read of a LedgerReader answers a promise, so a refusal is one too.
        if (expired !== null) return Promise.reject(expired);
        if (!isOpen) return Promise.reject(new Error(`the ${purpose}'s snapshot is read after its release`));
        return (value as (...parameters: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as LedgerReader;
  const assertHeld = () => {
    if (expired !== null) throw expired;
  };
  return { reader, assertHeld, release };
}
