// The wallet's watch of the node's log (PROTOCOL.md v2): it keeps the newest witnessed checkpoint it verified and,
// when the node shows a newer one, checks with one RFC 9162 consistency proof (O(log n) hashes) that the new
// tree extends the old one. A node that showed this wallet one history and others another cannot get both
// witnessed; a witnessed checkpoint that is not consistent with one this wallet verified is proof of a split view.
import { bytesToHex, hexToBytes } from "../../ledger/hex";
import type { Policy } from "../../ledger/log/policy";
import { verifyConsistency } from "../../ledger/log/tree";
import { openCheckpoint } from "../../ledger/log/witnessed";
import { walletMessage, type WalletMessage } from "../wallet-message";

/** The newest witnessed checkpoint this wallet verified, under the node key it pinned. */
export type LogPin = { nodePublicKey: string; origin: string; size: number; rootHash: string; note: string };

export type LogWatchState =
  | { kind: "checking" }
  /** The node has no witnessed checkpoint yet (its 404), or the wallet has not asked. */
  | { kind: "none-yet" }
  | { kind: "ok"; size: number; cosigners: string[]; isNodeAlone: boolean }
  /** The served checkpoint does not verify under the pinned policy, or is not witnessed: ignored, said plainly. */
  | { kind: "unverified"; reason: WalletMessage }
  /** A witnessed checkpoint that contradicts one this wallet verified: payments pause. */
  | { kind: "inconsistent"; pinned: LogPin; note: string; reason: WalletMessage }
  /** `message` in English for logs; `problem` in the reader's language. */
  | { kind: "unreachable"; message: string; problem: WalletMessage };

/** Fetches `GET /api/log/consistency?from&to`: the path's hashes, or why the node did not answer one. */
export type ConsistencyFetcher = (
  fromSize: number,
  toSize: number,
) => Promise<Uint8Array[] | { message: string; problem: WalletMessage }>;

/**
 * One step of the watch: the checkpoint note the node serves now, opened under the pinned policy and compared
 * with the pin. Returns the new state and the pin to keep (the newer checkpoint once it is proven consistent).
 */
export async function advanceLogWatch(input: {
  pin: LogPin | null;
  note: string;
  nodePublicKey: string;
  policy: Policy;
  nowMs: number;
  fetchConsistency: ConsistencyFetcher;
}): Promise<{ state: LogWatchState; pin: LogPin | null }> {
  const { note, policy } = input;
  const pin = input.pin !== null && input.pin.nodePublicKey === input.nodePublicKey ? input.pin : null;
  let opened: ReturnType<typeof openCheckpoint>;
  try {
    opened = openCheckpoint(note, policy, input.nowMs);
  } catch {
    return { state: { kind: "unverified", reason: walletMessage("log.checkpointUnverified") }, pin };
  }
  if (!opened.isWitnessed) {
    return { state: { kind: "unverified", reason: walletMessage("log.notWitnessed") }, pin };
  }
  const { checkpoint } = opened;
  const served: LogPin = {
    nodePublicKey: input.nodePublicKey,
    origin: checkpoint.origin,
    size: checkpoint.size,
    rootHash: bytesToHex(checkpoint.rootHash),
    note,
  };
  const ok: LogWatchState = {
    kind: "ok",
    size: Math.max(served.size, pin?.size ?? 0),
    cosigners: opened.cosigners.map((cosigner) => cosigner.name),
    isNodeAlone: policy.quorum === "none",
  };
  if (pin === null) return { state: ok, pin: served };
  const inconsistent = (reason: WalletMessage) => ({
    state: { kind: "inconsistent", pinned: pin, note, reason } as const,
    pin,
  });
  if (served.origin !== pin.origin)
    return inconsistent(walletMessage("log.originChanged", { from: pin.origin, to: served.origin }));
  if (served.size === pin.size) {
    return served.rootHash === pin.rootHash
      ? { state: ok, pin }
      : inconsistent(walletMessage("log.rootsDiffer", { size: pin.size }));
  }
  // An older checkpoint (another instance of the node may lag behind) must be a prefix of the pinned one.
  const [older, newer] = served.size < pin.size ? [served, pin] : [pin, served];
  const path = await input.fetchConsistency(older.size, newer.size);
  if (!Array.isArray(path)) return { state: { kind: "unreachable", ...path }, pin };
  if (!verifyConsistency(older.size, newer.size, hexToBytes(older.rootHash), hexToBytes(newer.rootHash), path)) {
    return inconsistent(walletMessage("log.notExtending", { newer: newer.size, older: older.size }));
  }
  return { state: ok, pin: newer };
}

const pinKey = "chainpay:log-pin";

export function readLogPin(): LogPin | null {
  try {
    const pin = JSON.parse(localStorage.getItem(pinKey) ?? "null") as LogPin | null;
    return pin !== null && typeof pin.rootHash === "string" && typeof pin.size === "number" ? pin : null;
  } catch {
    return null;
  }
}

export function writeLogPin(pin: LogPin): void {
  localStorage.setItem(pinKey, JSON.stringify(pin));
}

export function forgetLogPin(): void {
  localStorage.removeItem(pinKey);
}
