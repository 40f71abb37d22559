// The cosigning loop (issue 11): once per sealing node process, off the payment path. When the log has grown, at
// most every COSIGN_INTERVAL_MS, it signs a checkpoint of the whole log, stores it, and sends it to every witness
// of the policy, each on its own (a slow or down witness holds up neither payments nor the other witnesses), with
// the consistency proof from the size that witness holds. With several instances on one database, the one that
// holds the lease (lib/db/log-records.ts `takeLease`) cosigns; the others only renew their claim.
import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { LedgerReader } from "../../db/ledger-store";
import type { CheckpointRecord, LogRecords } from "../../db/records/log-records";
import { bytesToHex } from "../../ledger/hex";
import { formatCheckpoint } from "../../ledger/log/checkpoint";
import { signNote, type NoteSigner } from "../../ledger/log/note";
import { isQuorumMet, type PolicyWitness } from "../../ledger/log/policy";
import { formatAddCheckpoint } from "../../ledger/log/witness-request";
import { addCheckpointUrlOf, type NodeLog } from "./node-log";
import { postAddCheckpoint, witnessRequestTimeoutMs, type WitnessReply } from "./post-add-checkpoint";
import { checkCosignatureLines, isTlogSizeType, parseTlogSize, shortMessageOf } from "./witness-answers";
import { currentCosignatures, noteTextOf } from "./witnessed-view";

/** A refused or unreachable witness is tried again after this much, doubling up to `retryDelayMaxMs`. */
const retryDelayMaxMs = 30_000;

type WitnessWorker = {
  witness: PolicyWitness;
  /** The size the witness last said it holds; null before it said (0 is sent then). */
  knownSize: number | null;
  cosignedSize: number | null;
  isInFlight: boolean;
  isDown: boolean | null;
  failures: number;
  nextAttemptAtMs: number;
  /** The last evidence recorded from it: the same refusal again, round after round, is not stored again. */
  lastEvidenceKey: string | null;
};

export type CosigningOptions = {
  store: Pick<LedgerReader, "logSize" | "logRoot" | "logConsistencyPath">;
  records: LogRecords;
  log: NodeLog;
  signer: NoteSigner;
  intervalMs: number;
  requestTimeoutMs?: number;
};

export class CosigningLoop {
  private readonly options: CosigningOptions;
  private readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly workers: WitnessWorker[];
  private readonly leaseTtlMs: number;
  private timer: NodeJS.Timeout | null = null;
  /** The round in progress, which `stop` waits for: the store it reads may be closed right after. */
  private ticking: Promise<void> | null = null;
  private isStopped = false;
  private isLoaded = false;
  private lastError: string | null = null;

  constructor(options: CosigningOptions) {
    this.options = options;
    this.leaseTtlMs = Math.max(
      15_000,
      options.intervalMs * 3,
      (options.requestTimeoutMs ?? witnessRequestTimeoutMs) * 2,
    );
    this.workers = options.log.policy.witnesses.map((witness) => ({
      witness,
      knownSize: null,
      cosignedSize: null,
      isInFlight: false,
      isDown: null,
      failures: 0,
      nextAttemptAtMs: 0,
      lastEvidenceKey: null,
    }));
  }

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.isStopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    await this.ticking;
    await this.options.records.releaseLease(this.holder).catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (this.isStopped) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => (this.ticking = null));
    }, delayMs);
    // The loop never keeps a process alive on its own.
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      await this.round(Date.now());
      this.lastError = null;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Once per change, not once per round: a database that is down would otherwise fill the log.
      if (message !== this.lastError) console.error(`chainpay: the cosigning loop failed: ${message}`);
      this.lastError = message;
    } finally {
      this.schedule(this.options.intervalMs);
    }
  }

  private async round(nowMs: number): Promise<void> {
    const { records, log } = this.options;
    if (!(await records.takeLease(this.holder, nowMs, this.leaseTtlMs))) return;
    if (!this.isLoaded) await this.load();
    const checkpoint = await this.currentCheckpoint(nowMs);
    if (checkpoint === null || log.policy.quorum === "none") return;
    for (const worker of this.workers) {
      if (worker.isInFlight || nowMs < worker.nextAttemptAtMs) continue;
      if (worker.cosignedSize !== null && worker.cosignedSize >= checkpoint.size) continue;
      worker.isInFlight = true;
      void this.submit(worker, checkpoint)
        .catch((error: unknown) => {
          console.error(`chainpay: sending the checkpoint to witness ${worker.witness.name} failed`, error);
        })
        .finally(() => (worker.isInFlight = false));
    }
  }

  /** What the node knew of each witness before this process started. */
  private async load(): Promise<void> {
    const { records, log } = this.options;
    const states = new Map((await records.witnessStates()).map((state) => [state.name, state]));
    const cosigned = await records.cosignedSizes(log.origin);
    for (const worker of this.workers) {
      const state = states.get(worker.witness.name);
      worker.knownSize = state?.url === worker.witness.url ? state.knownSize : null;
      worker.cosignedSize = cosigned.get(worker.witness.name) ?? null;
    }
    this.isLoaded = true;
  }

  /** The checkpoint of the log as it is now: the stored one when the log has not grown, else a new one, signed and stored. */
  private async currentCheckpoint(nowMs: number): Promise<CheckpointRecord | null> {
    const { store, records, log, signer } = this.options;
    const size = await store.logSize();
    if (size === 0) return null;
    const newest = await records.newestCheckpoint(log.origin);
    // A stored checkpoint at least as large: another instance signed it (the log only grows).
    if (newest !== null && newest.size >= size) return newest;
    const rootHash = await store.logRoot(size);
    const note = signNote(formatCheckpoint({ origin: log.origin, size, rootHash }), [signer]);
    const isWitnessed = log.policy.quorum === "none";
    const record: CheckpointRecord = {
      origin: log.origin,
      size,
      rootHashHex: bytesToHex(rootHash),
      note,
      signedAtMs: nowMs,
      witnessedAtMs: isWitnessed ? nowMs : null,
    };
    await records.saveCheckpoint(record);
    if (isWitnessed) await records.pruneBelow(log.origin, size);
    return record;
  }

  /** Sends `checkpoint` to one witness, once more from the size it names when it answers 409 with its size. */
  private async submit(worker: WitnessWorker, checkpoint: CheckpointRecord): Promise<void> {
    const { store } = this.options;
    let oldSize = worker.knownSize ?? 0;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      if (oldSize > checkpoint.size) {
        await this.answered(worker, 409, `it holds size ${oldSize}, above this log's size ${checkpoint.size}`);
        return;
      }
      const proof =
        oldSize === 0 || oldSize === checkpoint.size ? [] : await store.logConsistencyPath(oldSize, checkpoint.size);
      const body = formatAddCheckpoint({ oldSize, proof, note: checkpoint.note });
      const reply = await postAddCheckpoint(
        addCheckpointUrlOf(worker.witness.url!),
        body,
        this.options.requestTimeoutMs ?? witnessRequestTimeoutMs,
      );
      if (!reply.isReached) {
        await this.answered(worker, "down", reply.message);
        return;
      }
      if (reply.status === 409 && isTlogSizeType(reply.contentType)) {
        const witnessSize = parseTlogSize(reply.body);
        if (witnessSize !== null && witnessSize !== oldSize && attempt === 0) {
          worker.knownSize = witnessSize;
          oldSize = witnessSize;
          continue;
        }
      }
      await this.handleReply(worker, checkpoint, oldSize, reply);
      return;
    }
  }

  private async handleReply(
    worker: WitnessWorker,
    checkpoint: CheckpointRecord,
    oldSize: number,
    reply: Extract<WitnessReply, { isReached: true }>,
  ): Promise<void> {
    const { records, log } = this.options;
    const name = worker.witness.name;
    const nowMs = Date.now();
    if (reply.status === 200) {
      const checked = checkCosignatureLines(reply.body, noteTextOf(checkpoint.note), worker.witness.key, nowMs);
      const [cosignature] = checked.valid;
      if (cosignature === undefined) {
        const reason = `${name} answered 200 without a valid cosignature of its key (${checked.failed} failed)`;
        if (checked.failed > 0) await this.recordEvidence(worker, checkpoint, reply.body, reason);
        await this.answered(worker, 200, reason);
        return;
      }
      await records.saveCosignature({
        origin: log.origin,
        size: checkpoint.size,
        witness: name,
        vkey: worker.witness.key.vkey,
        line: cosignature.line,
        timestampSeconds: cosignature.timestampSeconds,
      });
      worker.knownSize = checkpoint.size;
      worker.cosignedSize = checkpoint.size;
      await this.answered(worker, 200, `cosigned size ${checkpoint.size}`, true);
      await this.checkQuorum(checkpoint, nowMs);
      return;
    }
    const message = shortMessageOf(reply.body);
    const witnessSize = reply.status === 409 && isTlogSizeType(reply.contentType) ? parseTlogSize(reply.body) : null;
    // The size it names is where the next round's proof starts.
    if (witnessSize !== null) worker.knownSize = witnessSize;
    if (reply.status === 409 && oldSize === checkpoint.size) {
      // It holds this very size with another root: two histories of one size, one of them not this node's.
      await this.recordEvidence(
        worker,
        checkpoint,
        reply.body,
        `${name} holds size ${checkpoint.size} with another root (409)`,
      );
    } else if (reply.status === 422) {
      const reason = `${name} refused the consistency proof from size ${oldSize} to ${checkpoint.size} (422): ${message}`;
      await this.recordEvidence(worker, checkpoint, reply.body, reason);
    }
    await this.answered(worker, reply.status, message);
  }

  /** Stores evidence once per checkpoint size and reason, so that a witness refusing every round adds one row. */
  private async recordEvidence(
    worker: WitnessWorker,
    checkpoint: CheckpointRecord,
    answer: string,
    reason: string,
  ): Promise<void> {
    const key = `${checkpoint.size} ${reason}`;
    if (worker.lastEvidenceKey === key) return;
    worker.lastEvidenceKey = key;
    const reportedBy = worker.witness.name;
    console.error(`chainpay: evidence from witness ${reportedBy}: ${reason}`);
    await this.options.records.addEvidence({
      reportedBy,
      atMs: Date.now(),
      noteA: checkpoint.note,
      noteB: answer,
      reason,
    });
  }

  /** Records a witness's answer, logs it going down or coming back (once per change), and paces its next try. */
  private async answered(
    worker: WitnessWorker,
    status: number | "down",
    message: string,
    isCosigned = false,
  ): Promise<void> {
    const isDown = status === "down";
    const name = worker.witness.name;
    if (isDown && worker.isDown !== true) console.error(`chainpay: witness ${name} is down: ${message}`);
    if (!isDown && worker.isDown === true) console.log(`chainpay: witness ${name} answers again (${status})`);
    worker.isDown = isDown;
    worker.failures = isCosigned ? 0 : worker.failures + 1;
    const delayMs = isCosigned
      ? 0
      : Math.min(retryDelayMaxMs, this.options.intervalMs * 2 ** Math.min(worker.failures, 16));
    worker.nextAttemptAtMs = Date.now() + delayMs;
    await this.options.records.saveWitnessState({
      name,
      url: worker.witness.url ?? "",
      lastStatus: String(status),
      lastAtMs: Date.now(),
      lastMessage: message,
      knownSize: worker.knownSize,
      cosignedSize: worker.cosignedSize,
    });
  }

  private async checkQuorum(checkpoint: CheckpointRecord, nowMs: number): Promise<void> {
    const { records, log } = this.options;
    const cosignatures = currentCosignatures(log.policy, await records.cosignaturesOf(log.origin, checkpoint.size));
    if (!isQuorumMet(log.policy, new Set(cosignatures.map((cosignature) => cosignature.witness)))) return;
    await records.markWitnessed(log.origin, checkpoint.size, nowMs);
    await records.pruneBelow(log.origin, checkpoint.size);
  }
}
