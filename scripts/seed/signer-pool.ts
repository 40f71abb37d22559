import { Worker } from "node:worker_threads";
import type { Account, PaymentJob, SignedJob } from "./types";

// The worker is inline source so that it runs the same under tsx, Vitest and plain Node. It writes each payment's
// RFC 8785 canonical JSON directly: the keys in sorted order, each string as JSON.stringify writes it (which is
// RFC 8785's string form). The writer checks one payment of every block against the pure core before writing.
// The private keys reach the workers as KeyObjects, which Node clones between threads in microseconds, where
// importing each from PKCS#8 would take about a millisecond.
const signerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const { createHash, sign } = require("node:crypto");
const { chainId, publicKeys, privateKeys } = workerData;
const chainIdJson = JSON.stringify(chainId);
parentPort.on("message", ({ id, timestamp, from, to, amounts, memos }) => {
  const txIds = new Array(from.length);
  const signatures = new Array(from.length);
  for (let index = 0; index < from.length; index++) {
    const text = '{"amount":"' + amounts[index] + '","chainId":' + chainIdJson + ',"from":"' + publicKeys[from[index]] +
      '","memo":' + JSON.stringify(memos[index]) + ',"timestamp":"' + timestamp + '","to":"' + publicKeys[to[index]] + '","type":"payment"}';
    const bytes = Buffer.from(text, "utf8");
    txIds[index] = createHash("sha256").update(bytes).digest("hex");
    signatures[index] = sign(null, bytes, privateKeys[from[index]]).toString("hex");
  }
  parentPort.postMessage({ id, txIds, signatures });
});`;

/** Signs payment jobs on one worker thread per core, answering each job when its worker is done. */
export class SignerPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (job: SignedJob) => void; reject: (error: unknown) => void }>();
  private nextWorker = 0;

  constructor(size: number, chainId: string, accounts: readonly Account[]) {
    const workerData = {
      chainId,
      publicKeys: accounts.map((account) => account.publicKey),
      privateKeys: accounts.map((account) => account.privateKey),
    };
    this.workers = Array.from({ length: size }, () => {
      const worker = new Worker(signerSource, { eval: true, workerData });
      worker.on("message", (signed: SignedJob) => {
        this.waiting.get(signed.id)?.resolve(signed);
        this.waiting.delete(signed.id);
      });
      worker.on("error", (error) => {
        for (const entry of this.waiting.values()) entry.reject(error);
        this.waiting.clear();
      });
      return worker;
    });
  }

  get size(): number {
    return this.workers.length;
  }

  sign(job: PaymentJob): Promise<SignedJob> {
    const worker = this.workers[this.nextWorker++ % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.waiting.set(job.id, { resolve, reject });
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
