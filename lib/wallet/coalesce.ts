// Under load a node seals hundreds of blocks a second, and each one's event asks the wallet to fetch its account
// and audit the chain again. Fetching for every event would queue hundreds of overlapping requests whose answers
// arrive out of order; the wallet needs only the newest state. So the triggers are coalesced: the task never runs
// twice at once, starts at most once per interval, and a trigger that arrives while it runs or waits is answered
// by one more run after it, so the last event always leads to a final, up-to-date run.

export type Coalesced = {
  /** Asks for a run: at once when idle, otherwise once the running one ends and the interval has passed. */
  trigger: () => void;
  /** No further runs (the one under way, if any, finishes). */
  cancel: () => void;
};

export function coalesce(task: () => Promise<void>, intervalMs: number): Coalesced {
  let isRunning = false;
  let isPending = false;
  let isCancelled = false;
  let lastStartMs = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function schedule(): void {
    if (isCancelled || isRunning || timer !== null || !isPending) return;
    const waitMs = Math.max(0, lastStartMs + intervalMs - Date.now());
    timer = setTimeout(start, waitMs);
  }

  function start(): void {
    timer = null;
    if (isCancelled || !isPending) return;
    isPending = false;
    isRunning = true;
    lastStartMs = Date.now();
    // A failed run is as good as a finished one here: the task reports its own failures, and the next trigger
    // runs it again.
    void task()
      .catch(() => undefined)
      .finally(() => {
        isRunning = false;
        schedule();
      });
  }

  return {
    trigger: () => {
      isPending = true;
      schedule();
    },
    cancel: () => {
      isCancelled = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
