// The machine's raw Ed25519 verify rate on every core, what the batch route and the audit are measured against.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

// The machine's raw rate, as STACK.md measured it: one key import and one verification per signature, every
// signature by a distinct key, on every core at once (one worker thread per core, nothing else in the loop).
const rawVerifyWorkerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const { generateKeyPairSync, sign, verify } = require("node:crypto");
const items = Array.from({ length: workerData.count }, (_, index) => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const message = Buffer.from("payment " + index + " " + "x".repeat(200));
  return { der: publicKey.export({ format: "der", type: "spki" }), message, signature: sign(null, message, privateKey) };
});
parentPort.once("message", () => {
  const started = performance.now();
  let valid = 0;
  for (const item of items) if (verify(null, item.message, { key: item.der, format: "der", type: "spki" }, item.signature)) valid++;
  parentPort.postMessage({ valid, seconds: (performance.now() - started) / 1000 });
});
parentPort.postMessage("ready");`;

export async function rawVerifyRate(): Promise<number> {
  const perWorker = 6_000;
  const workers = Array.from(
    { length: availableParallelism() },
    () => new Worker(rawVerifyWorkerSource, { eval: true, workerData: { count: perWorker } }),
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
