// takeTurn: the long pieces of work (batch chunks, answers' JSON) get one turn per iteration of the event loop,
// in the order asked for, however many are at work: what polls for I/O between iterations waits for one chunk.
import { setImmediate as nextCheckPhase } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { takeTurn } from "@/lib/server/http/take-turn";

/**
 * Runs `workers` pieces of work of `chunks` chunks each, all at once, yielding with `yieldOnce` between chunks,
 * beside a ticker that counts the event loop's iterations (an immediate queued from the check phase runs in the
 * next one). Returns, for each chunk in the order they ran, its worker and the iteration it ran in.
 */
async function runChunks(workers: number, chunks: number, yieldOnce: () => Promise<void>) {
  let iteration = 0;
  let isTicking = true;
  const tick = () => {
    iteration++;
    if (isTicking) setImmediate(tick);
  };
  setImmediate(tick);
  const ran: { worker: number; iteration: number }[] = [];
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let chunk = 0; chunk < chunks; chunk++) {
        await yieldOnce();
        ran.push({ worker, iteration });
      }
    }),
  );
  isTicking = false;
  return ran;
}

describe("takeTurn", () => {
  it("runs at most one chunk an iteration, round the workers in turn", async () => {
    const ran = await runChunks(4, 5, takeTurn);
    expect(ran).toHaveLength(20);
    const iterations = ran.map((chunk) => chunk.iteration);
    expect(new Set(iterations).size).toBe(ran.length);
    expect(iterations).toEqual([...iterations].sort((a, b) => a - b));
    expect(ran.map((chunk) => chunk.worker)).toEqual(Array.from({ length: 20 }, (_, index) => index % 4));
  });

  it("is what a plain setImmediate is not: that runs every worker's chunk in the same iteration", async () => {
    const ran = await runChunks(4, 5, () => nextCheckPhase());
    expect(new Set(ran.map((chunk) => chunk.iteration)).size).toBeLessThan(ran.length / 2);
  });

  it("never settles at once: the turn comes in a later iteration", async () => {
    let hasTurn = false;
    const turn = takeTurn().then(() => {
      hasTurn = true;
    });
    await Promise.resolve();
    expect(hasTurn).toBe(false);
    await turn;
    expect(hasTurn).toBe(true);
  });
});
