// `npm run verify -- <url> --policy <policy>`: beyond the chain's audit, the node's newest checkpoint must be
// witnessed under the policy the verifier trusts and must describe the very chain the verifier has just checked:
// its root is the log root (PROTOCOL.md v2 "The log") the verifier computes itself over the verified block hashes.
import { bytesToHex } from "../../ledger/hex";
import { NoteError } from "../../ledger/log/note";
import { openCheckpoint, type Cosigner } from "../../ledger/log/witnessed";
import type { Policy } from "../../ledger/log/policy";
import { merkleTreeHash } from "../../ledger/merkle";
import type { ReceiptCheck } from "../../ledger/receipt";

export type SyncedLog = {
  /** The raw hash of each verified block, by height: the log's leaves. */
  blockHashes: readonly Uint8Array[];
  /** Each verified block's header timestamp, by height. */
  blockTimestamps: readonly string[];
};

export type NodeCheckpointReport = {
  ok: boolean;
  checks: ReceiptCheck[];
  size: number | null;
  rootHashHex: string | null;
  cosigners: Cosigner[];
  /** Blocks the checkpoint is behind the verified head, and the seconds between their blocks' timestamps. */
  lagBlocks: number | null;
  lagSeconds: number | null;
};

/** Checks `note` (what GET /api/log/checkpoint answered; null for its 404) against the policy and the synced chain. */
export function checkNodeCheckpoint(note: string | null, policy: Policy, synced: SyncedLog, nowMs: number) {
  const checks: ReceiptCheck[] = [];
  const check = (name: string, ok: boolean) => {
    checks.push({ name, ok });
    return ok;
  };
  const report = (): NodeCheckpointReport => ({
    ok: checks.every((item) => item.ok),
    checks,
    size: null,
    rootHashHex: null,
    cosigners: [],
    lagBlocks: null,
    lagSeconds: null,
  });
  if (!check("The node has a witnessed checkpoint (GET /api/log/checkpoint)", note !== null)) return report();
  let opened: ReturnType<typeof openCheckpoint>;
  try {
    opened = openCheckpoint(note!, policy, nowMs);
  } catch (error) {
    const reason = error instanceof NoteError ? error.message : String(error);
    check(`The checkpoint opens under the policy: the node's signature and every known cosignature (${reason})`, false);
    return report();
  }
  check("The checkpoint carries the node's valid signature under the policy's log key", true);
  const { checkpoint, cosigners } = opened;
  const names = cosigners.map((cosigner) => cosigner.name).join(", ");
  check(
    `The checkpoint is witnessed: its cosigners (${names === "" ? "none" : names}) satisfy quorum ${policy.quorum}`,
    opened.isWitnessed,
  );
  const syncedSize = synced.blockHashes.length;
  const isWithinChain = check(
    `The checkpoint's size ${checkpoint.size} is at most the verified chain's size ${syncedSize} (head height + 1)`,
    checkpoint.size >= 1 && checkpoint.size <= syncedSize,
  );
  const rootHashHex = bytesToHex(checkpoint.rootHash);
  if (isWithinChain) {
    const computed = bytesToHex(merkleTreeHash(synced.blockHashes.slice(0, checkpoint.size)));
    check(
      `The checkpoint's root is the log root computed over the verified blocks 0 to ${checkpoint.size - 1}`,
      computed === rootHashHex,
    );
  }
  const head = synced.blockTimestamps[syncedSize - 1];
  const witnessedHead = isWithinChain ? synced.blockTimestamps[checkpoint.size - 1] : undefined;
  return {
    ...report(),
    size: checkpoint.size,
    rootHashHex,
    cosigners,
    lagBlocks: isWithinChain ? syncedSize - checkpoint.size : null,
    lagSeconds:
      head === undefined || witnessedHead === undefined ? null : (Date.parse(head) - Date.parse(witnessedHead)) / 1000,
  };
}
