// Witnessed checkpoints and witnessed receipts (PROTOCOL.md v2): what a wallet or verifier trusts offline
// against a policy rather than against the node key alone.
import type { SignatureVerifier } from "../ed25519";
import { bytesToHex, hexToBytes, hex64Pattern } from "../hex";
import { verifyInclusion } from "../merkle";
import { verifyReceipt } from "../receipt";
import type { ReceiptCheck } from "../receipt";
import type { Receipt } from "../types";
import { parseCheckpoint } from "./checkpoint";
import type { Checkpoint } from "./checkpoint";
import { cosignatureTimestamp, cosignatureVerifier } from "./cosignature";
import { ed25519NoteVerifier, ed25519SignatureType, keyIdHex, NoteError, openNote } from "./note";
import type { NoteVerifier } from "./note";
import { isQuorumMet, quorumNone } from "./policy";
import type { Policy, PolicyWitness } from "./policy";

export type Cosigner = { name: string; timestampSeconds: number };
export type WitnessedCheckpoint = { checkpoint: Checkpoint; note: string; cosigners: Cosigner[]; isWitnessed: boolean };

/** A cosignature more than this far ahead of the verifier's clock is refused (PROTOCOL.md "Clocks"). */
export const cosignatureSkewMaxMs = 10 * 60 * 1000;

const keyLabel = (name: string, keyId: number) => `${name}+${keyIdHex(keyId)}`;

/**
 * Opens a checkpoint note under the policy: the node's signature (a policy `log` key) must verify; valid
 * cosignatures of policy witnesses are collected; a known key whose signature fails, or a cosignature from the
 * future, throws NoteError. `isWitnessed` says whether the cosigners satisfy the quorum.
 */
export function openCheckpoint(note: string, policy: Policy, nowMs: number): WitnessedCheckpoint {
  const logKeys = policy.logs.filter((key) => key.type === ed25519SignatureType);
  const witnessByLabel = new Map<string, PolicyWitness>(
    policy.witnesses.map((witness) => [keyLabel(witness.key.name, witness.key.keyId), witness]),
  );
  const verifiers: NoteVerifier[] = [
    ...logKeys.map(ed25519NoteVerifier),
    ...policy.witnesses.map((witness) => cosignatureVerifier(witness.key)),
  ];
  // Throws "invalid_signature" for a known key that fails and "unverified" when no known key signed at all.
  const opened = openNote(note, verifiers);
  const checkpoint = parseCheckpoint(opened.note.text);
  const isLogSigned = opened.verified.some((signature) =>
    logKeys.some(
      (key) => key.name === signature.name && key.keyId === signature.keyId && key.name === checkpoint.origin,
    ),
  );
  if (!isLogSigned) {
    throw new NoteError("unverified", `no signature of the policy's log for origin ${checkpoint.origin}`);
  }
  const cosigners: Cosigner[] = [];
  for (const signature of opened.verified) {
    const witness = witnessByLabel.get(keyLabel(signature.name, signature.keyId));
    if (witness === undefined) continue;
    // A verified cosignature is 8 + 64 bytes, so its timestamp reads.
    const timestampSeconds = cosignatureTimestamp(signature.signature)!;
    if (timestampSeconds * 1000 > nowMs + cosignatureSkewMaxMs) {
      throw new NoteError(
        "invalid_signature",
        `the cosignature of witness ${witness.name} is dated ${new Date(timestampSeconds * 1000).toISOString()}, ` +
          `more than ${cosignatureSkewMaxMs / 60_000} minutes ahead of this clock`,
      );
    }
    cosigners.push({ name: witness.name, timestampSeconds });
  }
  const isWitnessed = isQuorumMet(policy, new Set(cosigners.map((cosigner) => cosigner.name)));
  return { checkpoint, note, cosigners, isWitnessed };
}

export type LogProof = { leafIndex: number; treeSize: number; path: string[] };
export type WitnessedReceipt = { receipt: Receipt; checkpoint: string; logProof: LogProof };

/** What the quorum check says, naming the witnesses that cosigned: "(2 of 3: w1, w2)". */
export function quorumCheckName(policy: Policy, cosigners: readonly Cosigner[]): string {
  if (policy.quorum === quorumNone) return "The policy needs no witness cosignature (quorum none)";
  const names = cosigners.map((cosigner) => cosigner.name);
  const list = names.length === 0 ? "none" : names.join(", ");
  return `A quorum of witnesses cosigned the checkpoint (${names.length} of ${policy.witnesses.length}: ${list})`;
}

function openedOrError(note: unknown, policy: Policy, nowMs: number): WitnessedCheckpoint | NoteError {
  // A witnessed receipt is read from a file or the network: its checkpoint may be anything.
  if (typeof note !== "string") return new NoteError("malformed", "the checkpoint is not a signed note's text");
  try {
    return openCheckpoint(note, policy, nowMs);
  } catch (error) {
    if (error instanceof NoteError) return error;
    throw error;
  }
}

/** Verifies a witnessed receipt: the receipt (v1, against the node key of the policy's log line), the checkpoint witnessed under the policy, and the log proof of its block. */
export async function verifyWitnessedReceipt(
  witnessed: WitnessedReceipt,
  policy: Policy,
  nowMs: number,
  verify: SignatureVerifier,
): Promise<{ ok: boolean; checks: ReceiptCheck[]; cosigners: Cosigner[] }> {
  const checks: ReceiptCheck[] = [];
  const check = (name: string, ok: boolean) => checks.push({ name, ok });
  const { receipt, logProof } = witnessed;
  const logKey = policy.logs.length === 1 && policy.logs[0]!.type === ed25519SignatureType ? policy.logs[0]! : null;
  check("The policy names one log key, the node's (Ed25519)", logKey !== null);
  // Without the log key the receipt is checked against no key, so that each of its checks still shows.
  const nodePublicKeyHex = logKey === null ? "" : bytesToHex(logKey.publicKey);
  checks.push(...(await verifyReceipt(receipt, nodePublicKeyHex, verify)).checks);

  const opened = openedOrError(witnessed.checkpoint, policy, nowMs);
  const isOpened = !(opened instanceof NoteError);
  check(
    isOpened
      ? `The node signed the checkpoint of ${opened.checkpoint.origin} at size ${opened.checkpoint.size}`
      : `The node signed the checkpoint (${opened.message})`,
    isOpened,
  );
  check(
    "The checkpoint's origin is the name of the policy's log key",
    isOpened && logKey !== null && opened.checkpoint.origin === logKey.name,
  );
  const cosigners = isOpened ? opened.cosigners : [];
  check(quorumCheckName(policy, cosigners), isOpened && opened.isWitnessed);
  check("The log proof's tree size is the checkpoint's size", isOpened && logProof.treeSize === opened.checkpoint.size);

  const height = receipt.block.header.height;
  const isPathWellFormed =
    Array.isArray(logProof.path) &&
    logProof.path.every((hash) => typeof hash === "string" && hex64Pattern.test(hash)) &&
    typeof receipt.block.hash === "string" &&
    hex64Pattern.test(receipt.block.hash);
  check(
    `The block is leaf ${height} of the witnessed log`,
    isOpened &&
      isPathWellFormed &&
      logProof.leafIndex === height &&
      verifyInclusion(
        hexToBytes(receipt.block.hash),
        logProof.leafIndex,
        logProof.treeSize,
        logProof.path.map(hexToBytes),
        opened.checkpoint.rootHash,
      ),
  );
  return { ok: checks.every((item) => item.ok), checks, cosigners };
}
