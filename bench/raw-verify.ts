// The machine's raw Ed25519 verify rate on every core, what the batch route and the audit are measured against.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

/**
 * Whose signatures are verified: every one by a distinct key, imported for its verification (as STACK.md measured
 * the raw rate, and as a node verifies a payer it has not seen), or by `payers` keys imported once beforehand and
 * used again and again (as the node verifies payers it keeps in its key cache). Issue 13 compares each batch with
 * its own kind: a batch of fresh payers with the first, a batch from a few repeating payers with the second.
 */
export type RawVerifyKeys = { kind: "distinct" } | { kind: "imported"; payers: number };

// One worker thread per core, nothing else in the loop; each signs its items before the timed part.
const rawVerifyWorkerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const { generateKeyPairSync, sign, verify } = require("node:crypto");
const { count, payers } = workerData;
const keyPairs = Array.from({ length: payers }, () => generateKeyPairSync("ed25519"));
const items = Array.from({ length: count }, (_, index) => {
  const { privateKey, publicKey } = payers > 0 ? keyPairs[index % payers] : generateKeyPairSync("ed25519");
  const message = Buffer.from("payment " + index + " " + "x".repeat(200));
  const key = payers > 0 ? publicKey : { key: publicKey.export({ format: "der", type: "spki" }), format: "der", type: "spki" };
  return { key, message, signature: sign(null, message, privateKey) };
});
parentPort.once("message", () => {
  const started = performance.now();
  let valid = 0;
  for (const item of items) if (verify(null, item.message, item.key, item.signature)) valid++;
  parentPort.postMessage({ valid, seconds: (performance.now() - started) / 1000 });
});
parentPort.postMessage("ready");`;

/** Verifications a second on every core at once. */
export async function rawVerifyRate(keys: RawVerifyKeys = { kind: "distinct" }): Promise<number> {
  const perWorker = 6_000;
  const payers = keys.kind === "imported" ? keys.payers : 0;
  const workers = Array.from(
    { length: availableParallelism() },
    () => new Worker(rawVerifyWorkerSource, { eval: true, workerData: { count: perWorker, payers } }),
  );
  await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once("message", resolve))));
  const started = performance.now();
  const results = await Promise.all(
    workers.map((worker) => {
      const done = new Promise<{ valid: number }>((resolve) => worker.once("message", resolve));
      worker.postMessage("go");
      return done;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(workers.map((worker) => worker.terminate()));
  if (results.some((result) => result.valid !== perWorker)) throw new Error("raw verify benchmark: a signature failed");
  return (perWorker * workers.length) / seconds;
}
