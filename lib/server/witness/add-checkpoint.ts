// POST /api/witness/add-checkpoint (C2SP tlog-witness v1.0.0, PROTOCOL.md v2 "Witness answers"): cosign the
// followed node's checkpoint when it is consistent with the one this witness cosigned last AND every block it
// covers is in the verified replica with the very root the checkpoint states. The refusals in the spec's order:
// 400 unparsable, 404 unknown origin, 403 no trusted signature, 400 old above new, 409 (text/x.tlog.size) an old
// size that is not the latest cosigned, 409 the same size with another root, 422 a failed proof; then chainpay's
// own statement: 422 a block that failed the audit or a root the replica contradicts (both raise the alarm),
// 503 a replica still behind. A checkpoint signed by the node that contradicts what this witness cosigned or
// verified is evidence of equivocation: both notes are kept, the alarm is raised, and the log is refused from
// then on. Check and record are one locked transaction (lib/db/witness-records.ts), committed before the answer.
import "server-only";
import { bytesToHex } from "../../ledger/hex";
import { sha256 } from "../../ledger/hash";
import { parseCheckpoint, type Checkpoint } from "../../ledger/log/checkpoint";
import { cosignatureSigner } from "../../ledger/log/cosignature";
import { ed25519NoteVerifier, NoteError, noteSignaturesMax, openNote, parseNote } from "../../ledger/log/note";
import { bytesToBase64 } from "../../ledger/log/base64";
import { verifyConsistency } from "../../ledger/log/tree";
import { AddCheckpointError, parseAddCheckpoint, type AddCheckpointRequest } from "../../ledger/log/witness-request";
import type { WitnessTransaction } from "../../db/records/witness-records";
import { followAlarmSetting, type FollowAlarm } from "../follower/follow-settings";
import type { LedgerNode } from "../node/context";
import { cosignatureAnswer, refusal, sizeConflict, WitnessRefusal, type WitnessAnswer } from "./witness-answer";
import type { WitnessContext } from "./witness-context";
import { waitForReplica } from "./wait-for-replica";

/** The root of the empty tree (RFC 9162: the hash of the empty string). */
const emptyTreeRoot = sha256(new Uint8Array(0));

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

function refusalFor(message: string, request: () => AddCheckpointRequest): AddCheckpointRequest {
  try {
    return request();
  } catch (error) {
    if (error instanceof AddCheckpointError || error instanceof NoteError)
      throw new WitnessRefusal(400, message + error.message);
    throw error;
  }
}

/** Parses the body and checks it against the spec's statically checkable rules; throws WitnessRefusal. */
function checkRequest(
  body: string,
  witness: WitnessContext,
): { request: AddCheckpointRequest; checkpoint: Checkpoint } {
  const request = refusalFor("The body does not parse: ", () => parseAddCheckpoint(body));
  // Counted before any signature is checked: a note of many lines is refused for its size, not verified.
  const signatureLines = request.note.split("\n— ").length - 1;
  if (signatureLines > noteSignaturesMax) {
    throw new WitnessRefusal(
      400,
      `The note carries ${signatureLines} signature lines; at most ${noteSignaturesMax} are read.`,
    );
  }
  // The checkpoint is read from the note's text before its signatures: an unknown origin is 404 before anything
  // about signatures, and a note with no signature line at all is 403 (PROTOCOL.md "Witness answers").
  const textEnd = request.note.indexOf("\n\n");
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(textEnd < 0 ? request.note : request.note.slice(0, textEnd + 1));
  } catch (error) {
    if (error instanceof NoteError) throw new WitnessRefusal(400, `The checkpoint does not parse: ${error.message}`);
    throw error;
  }
  if (checkpoint.origin !== witness.origin) {
    throw new WitnessRefusal(404, `This witness knows the origin ${witness.origin} only.`);
  }
  if (textEnd < 0 || request.note.slice(textEnd + 2) === "") {
    throw new WitnessRefusal(403, "The checkpoint carries no signature line.");
  }
  try {
    openNote(request.note, [ed25519NoteVerifier(witness.logKey)]);
  } catch (error) {
    if (!(error instanceof NoteError)) throw error;
    if (error.kind === "malformed") throw new WitnessRefusal(400, `The note does not parse: ${error.message}`);
    throw new WitnessRefusal(403, `The checkpoint carries no valid signature of the log key ${witness.logKey.vkey}.`);
  }
  if (request.oldSize > checkpoint.size) {
    throw new WitnessRefusal(400, `The old size ${request.oldSize} is above the checkpoint's size ${checkpoint.size}.`);
  }
  return { request, checkpoint };
}

function standingRefusal(alarm: FollowAlarm): WitnessAnswer {
  return refusal(422, `This witness refuses this log: its alarm is raised (${alarm.reason}).`);
}

/** Keeps the evidence and raises the alarm (in the same transaction); the answer refuses the checkpoint. */
async function equivocation(
  transaction: WitnessTransaction,
  witness: WitnessContext,
  status: number,
  reason: string,
  cosignedNote: string,
  conflictingNote: string,
  height: number,
): Promise<WitnessAnswer> {
  await transaction.keepEvidence({ origin: witness.origin, reason, cosignedNote, conflictingNote });
  const alarm: FollowAlarm = {
    raisedAt: new Date().toISOString(),
    kind: "equivocation",
    height,
    reason,
    seenHash: null,
    servedHash: null,
  };
  await transaction.writeSetting(followAlarmSetting, JSON.stringify(alarm));
  console.error(
    [
      "",
      "!!! chainpay witness ALARM: equivocation !!!",
      `!!! ${reason}`,
      "!!! Both notes are kept; this log is refused from now on.",
      "",
    ].join("\n"),
  );
  return refusal(status, `Equivocation: ${reason}. This witness keeps both notes and refuses this log from now on.`);
}

export async function addCheckpoint(node: LedgerNode, witness: WitnessContext, body: string): Promise<WitnessAnswer> {
  let checked: { request: AddCheckpointRequest; checkpoint: Checkpoint };
  try {
    checked = checkRequest(body, witness);
  } catch (error) {
    if (error instanceof WitnessRefusal) return error.answer;
    throw error;
  }
  const { request, checkpoint } = checked;
  const { oldSize, proof } = request;
  const size = checkpoint.size;
  // A quick look before waiting for the replica: a stale `old` is answered at once. The decisive check is the
  // locked one below (the state only ever grows, so an answer given here was true when it was read).
  const before = await witness.records.readState(witness.origin);
  if (oldSize !== (before?.size ?? 0)) return sizeConflict(before?.size ?? 0);
  if ((oldSize === 0 || oldSize === size) && proof.length > 0) {
    return refusal(
      422,
      `A request with old size ${oldSize} carries no consistency proof; this one has ${proof.length} lines.`,
    );
  }

  let replicaRoot: Uint8Array = emptyTreeRoot;
  if (size > 0) {
    const reach = await waitForReplica(node.store, size);
    if (reach.kind === "alarm") return standingRefusal(reach.alarm);
    if (reach.kind === "behind") return refusal(503, reach.message);
    replicaRoot = await node.store.logRoot(size);
  }

  const recorded = await witness.records.inLock(witness.origin, async (transaction) => {
    const standing = await transaction.readSetting(followAlarmSetting);
    if (standing !== null) return standingRefusal(JSON.parse(standing) as FollowAlarm);
    const state = await transaction.state();
    const cosignedSize = state?.size ?? 0;
    if (oldSize !== cosignedSize) return sizeConflict(cosignedSize);
    const cosignedRoot = state === null ? emptyTreeRoot : Buffer.from(state.rootHash, "hex");
    if (state !== null && size === cosignedSize && !sameBytes(checkpoint.rootHash, cosignedRoot)) {
      return equivocation(
        transaction,
        witness,
        409,
        `the node signed two checkpoints of size ${size} with different roots`,
        state.note,
        request.note,
        size - 1,
      );
    }
    if (!sameBytes(checkpoint.rootHash, replicaRoot)) {
      return equivocation(
        transaction,
        witness,
        422,
        `the node signed a checkpoint of size ${size} with root ${bytesToHex(checkpoint.rootHash)}, but the blocks it signed and this witness verified give root ${bytesToHex(replicaRoot)}`,
        state?.note ?? "",
        request.note,
        size - 1,
      );
    }
    if (oldSize > 0 && oldSize < size && !verifyConsistency(oldSize, size, cosignedRoot, checkpoint.rootHash, proof)) {
      return refusal(422, `The consistency proof from size ${oldSize} to ${size} does not verify.`);
    }
    await transaction.record({
      origin: witness.origin,
      size,
      rootHash: bytesToHex(checkpoint.rootHash),
      note: request.note,
    });
    return null;
  });
  if (recorded !== null) return recorded;
  return cosignatureAnswer(cosignatureLine(witness, parseNote(request.note).text));
}

/** `— <name> <base64(key ID ‖ timestamp ‖ signature)>\n`, timestamped now. */
function cosignatureLine(witness: WitnessContext, checkpointText: string): string {
  const { identity } = witness;
  const signer = cosignatureSigner(identity.name, identity.publicKey, Math.floor(Date.now() / 1000), identity.sign);
  const signature = signer.sign(new TextEncoder().encode(checkpointText));
  const bytes = new Uint8Array(4 + signature.length);
  new DataView(bytes.buffer).setUint32(0, signer.keyId >>> 0);
  bytes.set(signature, 4);
  return `— ${identity.name} ${bytesToBase64(bytes)}\n`;
}
