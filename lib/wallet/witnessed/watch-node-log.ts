// The fetching half of the log watch: asks the node for its policy and newest checkpoint, and hands them to the
// pure decisions of policy-pin.ts and log-watch.ts, keeping the pins in this browser's storage.
import type { Policy } from "../../ledger/log/policy";
import { hexToBytes } from "../../ledger/hex";
import { messageFor } from "../messages";
import { nodeClient } from "../node-client";
import { walletMessage, type WalletMessage } from "../wallet-message";
import { advanceLogWatch, readLogPin, writeLogPin, type LogWatchState } from "./log-watch";
import { decidePolicyPin, readPolicyPin, writePolicyPin } from "./policy-pin";

/** An RFC 9162 consistency proof between trees of up to 2^63 leaves has fewer hashes than this. */
export const consistencyHashesMax = 128;

export type PolicyView =
  | { kind: "checking" }
  | { kind: "pinned"; policy: Policy; policyText: string; isFirstUse: boolean }
  | { kind: "changed"; pinnedText: string; servedText: string }
  | { kind: "unreadable"; reason: WalletMessage }
  /** The node serves no policy (an older node, or it could not be reached): nothing is witnessed. */
  | { kind: "unavailable"; message: string };

/** The node's policy, pinned at first use under the node key this browser trusts. */
export async function checkNodePolicy(nodePublicKey: string): Promise<PolicyView> {
  const answer = await nodeClient.logPolicy();
  if (answer.kind !== "ok") {
    return { kind: "unavailable", message: answer.kind === "unreachable" ? answer.message : answer.error.message };
  }
  const pin = readPolicyPin();
  const decision = decidePolicyPin(pin, answer.body, nodePublicKey);
  switch (decision.kind) {
    case "first-use":
      writePolicyPin({ nodePublicKey, policyText: answer.body });
      return { kind: "pinned", policy: decision.policy, policyText: answer.body, isFirstUse: true };
    case "same":
      return { kind: "pinned", policy: decision.policy, policyText: pin?.policyText ?? answer.body, isFirstUse: false };
    default:
      return decision;
  }
}

/** One step of the consistency watch against the node's newest witnessed checkpoint. */
export async function checkNodeLog(nodePublicKey: string, policy: Policy, nowMs: number): Promise<LogWatchState> {
  const answer = await nodeClient.logCheckpoint();
  if (answer.kind === "refused" && answer.status === 404) return { kind: "none-yet" };
  if (answer.kind !== "ok") {
    return answer.kind === "unreachable"
      ? answer
      : { kind: "unreachable", message: answer.error.message, problem: messageFor(answer.error.code) };
  }
  const { state, pin } = await advanceLogWatch({
    pin: readLogPin(),
    note: answer.body,
    nodePublicKey,
    policy,
    nowMs,
    fetchConsistency: async (fromSize, toSize) => {
      const result = await nodeClient.logConsistency(fromSize, toSize);
      if (result.kind === "unreachable") return result;
      if (result.kind !== "ok") return { message: result.error.message, problem: messageFor(result.error.code) };
      const { path } = result.body;
      const isHexList =
        Array.isArray(path) &&
        path.length <= consistencyHashesMax &&
        path.every((hash) => typeof hash === "string" && /^[0-9a-f]{64}$/.test(hash));
      return isHexList
        ? path.map((hash) => hexToBytes(hash))
        : {
            message: "The node's consistency proof is malformed.",
            problem: walletMessage("unreachable.malformedProof"),
          };
    },
  });
  if (pin !== null) writeLogPin(pin);
  return state;
}
