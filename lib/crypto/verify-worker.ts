// The verify pool's worker thread (lib/crypto/verify-pool.ts starts it): it verifies the checks it is sent with
// the node's own Ed25519 code, so the pool and the payment path can never disagree on what a valid signature is.
import { parentPort } from "node:worker_threads";
import type { SignatureCheck } from "../ledger/audit";
import { verifyWithNodeCryptoSync } from "./ed25519";

/** What the pool sends a worker: a job id and the checks to verify, in order. */
export type VerifyRequest = { id: number; checks: SignatureCheck[] };
/** What a worker answers: that it has loaded and takes jobs, then for each job one verdict per check, in order. */
export type VerifyWorkerMessage = { kind: "ready" } | { kind: "verdicts"; id: number; verdicts: boolean[] };

if (parentPort === null) throw new Error("verify-worker.ts runs only as a worker thread");
const port = parentPort;

port.on("message", ({ id, checks }: VerifyRequest) => {
  const verdicts = checks.map(({ publicKey, message, signature }) =>
    verifyWithNodeCryptoSync(publicKey, message, signature),
  );
  port.postMessage({ kind: "verdicts", id, verdicts } satisfies VerifyWorkerMessage);
});
port.postMessage({ kind: "ready" } satisfies VerifyWorkerMessage);
