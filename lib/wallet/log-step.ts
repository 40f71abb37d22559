// The chain watch's long step: instead of walking every header since the block this wallet verified last, it
// takes the node's newest checkpoint (signed by the pinned node key), proves with one RFC 9162 inclusion proof
// that the pinned block is still leaf `height` of that log, and moves its pin to the checkpoint's last block,
// proven the same way. O(log n) hashes, however many blocks were sealed meanwhile; the header walk then covers
// only the few blocks between the checkpoint and the head. Whether witnesses cosigned the checkpoint is the log
// watch's concern (witnessed/log-watch.ts); here the node's own signature is what binds it to its history.
import { parseCheckpoint, nodeLogKey } from "../ledger/log/checkpoint";
import { ed25519NoteVerifier, openNote } from "../ledger/log/note";
import { verifyInclusion } from "../ledger/merkle";
import { hexToBytes, hex64Pattern } from "../ledger/hex";
import type { SignedBlock } from "../ledger/types";
import { messageFor } from "./messages";
import { nodeClient, type ApiResult } from "./node-client";
import { walletMessage, type WalletMessage } from "./wallet-message";

/** An audit path in a log of up to 2^63 blocks has at most 63 hashes. */
const inclusionHashesMax = 63;

export type LogStep =
  /** No checkpoint covers more than the pinned block (or the node has none): walk the headers as before. */
  | { kind: "walk" }
  /** The pinned block is in the checkpoint's log, and so is `block`, its last one: pin it and walk from there. */
  | { kind: "moved"; block: SignedBlock }
  | { kind: "rewritten"; reason: string }
  /** `message` in English for logs; `problem` in the reader's language. */
  | { kind: "unreachable"; message: string; problem: WalletMessage };

type Pinned = { nodePublicKey: string; height: number; hash: string };

type Unreachable = Extract<LogStep, { kind: "unreachable" }>;

/** A request the node did not answer as asked, as the step's "unreachable". */
const unreachableOf = (result: Exclude<ApiResult<unknown>, { kind: "ok" }>): Unreachable =>
  result.kind === "unreachable"
    ? result
    : { kind: "unreachable", message: result.error.message, problem: messageFor(result.error.code) };

async function provesLeaf(
  height: number,
  hash: string,
  size: number,
  root: Uint8Array,
): Promise<boolean | Unreachable> {
  const answer = await nodeClient.logProof(height, size);
  if (answer.kind !== "ok") return unreachableOf(answer);
  const { path } = answer.body;
  const isHexList =
    Array.isArray(path) &&
    path.length <= inclusionHashesMax &&
    path.every((entry) => typeof entry === "string" && hex64Pattern.test(entry));
  return isHexList && verifyInclusion(hexToBytes(hash), height, size, path.map(hexToBytes), root);
}

export async function logStep(pin: Pinned, origin: string): Promise<LogStep> {
  const answer = await nodeClient.logCheckpoint();
  if (answer.kind === "refused" && answer.status === 404) return { kind: "walk" };
  if (answer.kind !== "ok") return unreachableOf(answer);
  let size: number;
  let root: Uint8Array;
  try {
    const key = nodeLogKey(origin, hexToBytes(pin.nodePublicKey));
    const { note } = openNote(answer.body, [ed25519NoteVerifier(key)]);
    ({ size, rootHash: root } = parseCheckpoint(note.text));
  } catch {
    // Not signed by the pinned key under this origin (or not a checkpoint): nothing to lean on; walk instead.
    return { kind: "walk" };
  }
  const lastHeight = size - 1;
  if (lastHeight <= pin.height) return { kind: "walk" };
  const pinned = await provesLeaf(pin.height, pin.hash, size, root);
  if (typeof pinned !== "boolean") return pinned;
  if (!pinned) {
    return {
      kind: "rewritten",
      reason: `the node's signed log of ${size} blocks does not hold the block ${pin.height} this wallet verified`,
    };
  }
  const headers = await nodeClient.headers(lastHeight, 1);
  if (headers.kind !== "ok") return unreachableOf(headers);
  const block = headers.body.blocks[0];
  if (block === undefined || block.header.height !== lastHeight)
    return {
      kind: "unreachable",
      message: "The node did not serve the checkpoint's last block.",
      problem: walletMessage("unreachable.lastBlock"),
    };
  const last = await provesLeaf(lastHeight, block.hash, size, root);
  if (typeof last !== "boolean") return last;
  if (!last) return { kind: "rewritten", reason: `block ${lastHeight} is not the last block of the node's signed log` };
  return { kind: "moved", block };
}
