// The cosigning loop's own rules with `quorum none`, over an in-memory log and records: it signs a checkpoint of
// the whole log when the log has grown (and only then), counts it witnessed at once, keeps only the newest, and
// signs nothing while another instance holds the lease.
import { afterEach, describe, expect, it } from "vitest";
import type { CheckpointRecord, LogRecords } from "@/lib/db/records/log-records";
import { hexToBytes } from "@/lib/ledger/hex";
import { formatPolicy, type Policy } from "@/lib/ledger/log/policy";
import { consistencyProof } from "@/lib/ledger/log/tree";
import { merkleTreeHash } from "@/lib/ledger/merkle";
import { CosigningLoop } from "@/lib/server/log/cosigning-loop";
import { testLogSigner } from "../support/log-keys";

const origin = "chainpay/unit";
const signer = testLogSigner(origin);
const policy: Policy = { logs: [signer.verifierKey], witnesses: [], groups: [], quorum: "none" };
const log = { origin, key: signer.verifierKey, policy, policyText: formatPolicy(policy) };

function memoryRecords(leaseHolder: { current: string | null }) {
  const checkpoints = new Map<number, CheckpointRecord>();
  const unused = () => Promise.reject(new Error("not used with quorum none"));
  const records = {
    saveCheckpoint: (record: CheckpointRecord) => {
      if (!checkpoints.has(record.size)) checkpoints.set(record.size, record);
      return Promise.resolve();
    },
    newestCheckpoint: () => Promise.resolve([...checkpoints.values()].sort((a, b) => b.size - a.size)[0] ?? null),
    pruneBelow: (_: string, size: number) => {
      for (const key of checkpoints.keys()) if (key < size) checkpoints.delete(key);
      return Promise.resolve();
    },
    takeLease: (holder: string) => {
      leaseHolder.current ??= holder;
      return Promise.resolve(leaseHolder.current === holder);
    },
    releaseLease: () => Promise.resolve(),
    witnessStates: () => Promise.resolve([]),
    cosignedSizes: () => Promise.resolve(new Map<string, number>()),
    witnessedCheckpoints: unused,
    markWitnessed: unused,
    saveCosignature: unused,
    cosignaturesOf: unused,
    saveWitnessState: unused,
    addEvidence: unused,
    evidence: unused,
  } satisfies LogRecords;
  return { records, checkpoints };
}

function memoryLog(size: number) {
  const leaves = Array.from({ length: size }, (_, index) => hexToBytes(index.toString(16).padStart(64, "0")));
  return {
    leaves,
    store: {
      logSize: () => Promise.resolve(leaves.length),
      logRoot: (treeSize: number) => Promise.resolve(merkleTreeHash(leaves.slice(0, treeSize))),
      logConsistencyPath: (from: number, to: number) => Promise.resolve(consistencyProof(leaves.slice(0, to), from)),
    },
  };
}

const waitFor = async (condition: () => boolean) => {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

let loops: CosigningLoop[] = [];
afterEach(async () => {
  await Promise.all(loops.map((loop) => loop.stop()));
  loops = [];
});

describe("the cosigning loop with quorum none", () => {
  it("signs the whole log once per growth, witnessed at once, and keeps only the newest", async () => {
    const { records, checkpoints } = memoryRecords({ current: null });
    const memory = memoryLog(3);
    const loop = new CosigningLoop({ store: memory.store, records, log, signer: signer.signer, intervalMs: 10 });
    loops.push(loop);
    loop.start();
    await waitFor(() => checkpoints.has(3));
    const first = checkpoints.get(3)!;
    expect(
      first.note.startsWith(`${origin}\n3\n${Buffer.from(merkleTreeHash(memory.leaves)).toString("base64")}\n\n`),
    ).toBe(true);
    expect(first.witnessedAtMs).toBe(first.signedAtMs);
    // Rounds go by without growth: nothing new is signed.
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect([...checkpoints.keys()]).toEqual([3]);
    memory.leaves.push(hexToBytes("ff".repeat(32)));
    await waitFor(() => checkpoints.has(4));
    expect([...checkpoints.keys()]).toEqual([4]);
  });

  it("signs nothing while another instance holds the lease", async () => {
    const { records, checkpoints } = memoryRecords({ current: "another instance" });
    const loop = new CosigningLoop({ store: memoryLog(2).store, records, log, signer: signer.signer, intervalMs: 10 });
    loops.push(loop);
    loop.start();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(checkpoints.size).toBe(0);
  });
});

describe("stopping the cosigning loop", () => {
  it("waits for the round in progress, so that the store it reads can be closed right after", async () => {
    const { records } = memoryRecords({ current: null });
    let releaseSize: () => void = () => {};
    let isReading = false;
    const store = {
      ...memoryLog(2).store,
      logSize: () => {
        isReading = true;
        return new Promise<number>((resolve) => (releaseSize = () => resolve(2)));
      },
    };
    const loop = new CosigningLoop({ store, records, log, signer: signer.signer, intervalMs: 10 });
    loop.start();
    await waitFor(() => isReading);
    let isStopped = false;
    const stopping = loop.stop().then(() => (isStopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(isStopped).toBe(false);
    releaseSize();
    await stopping;
    expect(isStopped).toBe(true);
  });
});
