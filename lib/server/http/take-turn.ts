// Turns of the event loop for the node's long pieces of work (a batch's chunks, its answer's JSON, a seal's
// stored receipts): each piece waits for a turn, and the turns go one per iteration of the event loop, in the
// order asked for. Yielding with a plain setImmediate gives the loop back after each chunk, but every chunk
// queued meanwhile then runs in the same check phase: four replayed batches at once made an iteration four
// chunks long (some 12 ms), and a small request needs several iterations. Taking turns, an iteration holds at
// most one chunk, however many batches are at work, and the I/O polled between iterations (new requests,
// answers being written) waits for one chunk at most.
import "server-only";

const waiting: (() => void)[] = [];
let isScheduled = false;

function giveNextTurn(): void {
  const next = waiting.shift();
  // Scheduled from inside this check phase, the next turn runs in the next iteration, after its poll phase.
  if (waiting.length > 0) setImmediate(giveNextTurn);
  else isScheduled = false;
  next?.();
}

/** Settles in a later iteration of the event loop, once the pieces of work that asked before have had theirs. */
export function takeTurn(): Promise<void> {
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    if (isScheduled) return;
    isScheduled = true;
    setImmediate(giveNextTurn);
  });
}
