// Ed25519 verification spread over worker threads, one per core: the batch route and the audit verify
// thousands of signatures at a time, and one core verifies only about 6,000 a second.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { SignatureCheck } from "../ledger/audit";
import { verifyWithNodeCrypto } from "./ed25519";

// The worker is inline source so that it needs no file of its own in the Next.js build output.
const workerSource = `
const { parentPort } = require("node:worker_threads");
const { createPublicKey, verify } = require("node:crypto");
const prefix = Buffer.from("302a300506032b6570032100", "hex");
const hex64 = /^[0-9a-f]{64}$/, hex128 = /^[0-9a-f]{128}$/;
// Importing a key costs as much as a verification; payers repeat, so keep recent keys (bounded).
const keys = new Map();
function keyOf(publicKey) {
  let key = keys.get(publicKey);
  if (key !== undefined) return key;
  try {
    key = createPublicKey({ key: Buffer.concat([prefix, Buffer.from(publicKey, "hex")]), format: "der", type: "spki" });
  } catch { key = null; }
  if (keys.size >= 10000) keys.clear();
  keys.set(publicKey, key);
  return key;
}
parentPort.on("message", ({ id, checks }) => {
  const verdicts = checks.map(({ publicKey, message, signature }) => {
    if (!hex64.test(publicKey) || !hex128.test(signature)) return false;
    const key = keyOf(publicKey);
    if (key === null) return false;
    try {
      return verify(null, message, key, Buffer.from(signature, "hex"));
    } catch { return false; }
  });
  parentPort.postMessage({ id, verdicts });
});`;

type Job = { resolve: (verdicts: boolean[]) => void; reject: (error: unknown) => void };

// Below this many checks, the round trip to a worker costs more than verifying here.
const checksPerWorkerMin = 64;

export class VerifyPool {
  private readonly workers: Worker[];
  private readonly jobs = new Map<number, Job>();
  private nextJobId = 0;

  constructor(size = availableParallelism()) {
    this.workers = Array.from({ length: Math.max(1, size) }, () => {
      const worker = new Worker(workerSource, { eval: true });
      worker.unref();
      worker.on("message", ({ id, verdicts }: { id: number; verdicts: boolean[] }) => {
        const job = this.jobs.get(id);
        this.jobs.delete(id);
        job?.resolve(verdicts);
      });
      worker.on("error", (error) => {
        for (const job of this.jobs.values()) job.reject(error);
        this.jobs.clear();
      });
      return worker;
    });
  }

  /** Verifies the checks, answering in order. */
  async verify(checks: readonly SignatureCheck[]): Promise<boolean[]> {
    if (checks.length < checksPerWorkerMin) {
      return checks.map((check) => verifyWithNodeCrypto(check.publicKey, check.message, check.signature) as boolean);
    }
    const chunkSize = Math.ceil(checks.length / this.workers.length);
    const parts = this.workers.map((worker, index) => {
      const chunk = checks.slice(index * chunkSize, (index + 1) * chunkSize);
      if (chunk.length === 0) return Promise.resolve([]);
      const id = this.nextJobId++;
      return new Promise<boolean[]>((resolve, reject) => {
        this.jobs.set(id, { resolve, reject });
        worker.postMessage({ id, checks: chunk });
      });
    });
    return (await Promise.all(parts)).flat();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

const globalForPool = globalThis as unknown as { chainpayVerifyPool?: VerifyPool };

export function getVerifyPool(): VerifyPool {
  globalForPool.chainpayVerifyPool ??= new VerifyPool();
  return globalForPool.chainpayVerifyPool;
}
