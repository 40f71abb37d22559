// The node's witness policy, pinned with its key at first use (PROTOCOL.md v2 "Witnesses and the policy"). The
// policy says whose cosignatures make a checkpoint witnessed; a node that could swap it silently could name
// witnesses it controls, so a changed policy is an alarm exactly like a changed node key.
import { bytesToHex } from "../../ledger/hex";
import { parsePolicy, type Policy } from "../../ledger/log/policy";
import { walletMessage, type WalletMessage } from "../wallet-message";

export type PolicyPin = { nodePublicKey: string; policyText: string };

export type PolicyDecision =
  /** No policy pinned for this node key yet: the served one is pinned now. */
  | { kind: "first-use"; policy: Policy }
  | { kind: "same"; policy: Policy }
  /** The node serves another policy than the one this browser pinned: an alarm until the person decides. */
  | { kind: "changed"; pinnedText: string; servedText: string }
  /** The served policy does not parse, or its log line is not the node's own key. */
  | { kind: "unreadable"; reason: WalletMessage };

/** Policies are compared by their meaning, not their spacing: each is parsed and the parts compared in order. */
function samePolicy(left: Policy, right: Policy): boolean {
  const keyOf = (policy: Policy) =>
    JSON.stringify({
      logs: policy.logs.map((key) => key.vkey),
      witnesses: policy.witnesses.map((witness) => [witness.name, witness.key.vkey, witness.url]),
      groups: policy.groups.map((group) => [group.name, group.threshold, group.members]),
      quorum: policy.quorum,
    });
  return keyOf(left) === keyOf(right);
}

function parseNodePolicy(text: string, nodePublicKey: string): Policy | WalletMessage {
  let policy: Policy;
  try {
    policy = parsePolicy(text);
  } catch {
    return walletMessage("policy.doesNotParse");
  }
  const log = policy.logs[0];
  if (policy.logs.length !== 1 || log === undefined) return walletMessage("policy.oneLog");
  if (log.type !== 0x01 || bytesToHex(log.publicKey) !== nodePublicKey) return walletMessage("policy.otherKey");
  return policy;
}

const isReason = (parsed: Policy | WalletMessage): parsed is WalletMessage => "key" in parsed;

/** What to do with the policy the node serves now, given the one pinned (null at first use) and the trusted node key. */
export function decidePolicyPin(pin: PolicyPin | null, servedText: string, nodePublicKey: string): PolicyDecision {
  const served = parseNodePolicy(servedText, nodePublicKey);
  if (isReason(served)) return { kind: "unreadable", reason: served };
  if (pin === null || pin.nodePublicKey !== nodePublicKey) return { kind: "first-use", policy: served };
  const pinned = parseNodePolicy(pin.policyText, nodePublicKey);
  if (!isReason(pinned) && samePolicy(pinned, served)) return { kind: "same", policy: pinned };
  return { kind: "changed", pinnedText: pin.policyText, servedText };
}

/** The words for a policy's quorum: "2 of 3 witnesses", or that the node alone vouches for its chain. */
/** A policy's quorum as data, for a page to word in its reader's language (describeQuorum words it in English). */
export type Quorum =
  | { kind: "none" }
  | { kind: "witness"; name: string }
  | { kind: "group"; threshold: number; memberCount: number; areAllWitnesses: boolean };

export function quorumOf(policy: Policy): Quorum {
  if (policy.quorum === "none") return { kind: "none" };
  const group = policy.groups.find((candidate) => candidate.name === policy.quorum);
  if (group === undefined) return { kind: "witness", name: policy.quorum };
  const witnessNames = policy.witnesses.map((witness) => witness.name);
  const areAllWitnesses = group.members.every((member) => witnessNames.includes(member));
  return { kind: "group", threshold: group.threshold, memberCount: group.members.length, areAllWitnesses };
}

export function describeQuorum(policy: Policy): { isNodeAlone: boolean; text: string; witnessNames: string[] } {
  const witnessNames = policy.witnesses.map((witness) => witness.name);
  const quorum = quorumOf(policy);
  switch (quorum.kind) {
    case "none":
      return { isNodeAlone: true, text: "no witnesses: this node alone vouches for its chain", witnessNames };
    case "witness":
      return { isNodeAlone: false, text: `the witness ${quorum.name}`, witnessNames };
    case "group": {
      const noun = quorum.areAllWitnesses ? "witnesses" : "groups of witnesses";
      return { isNodeAlone: false, text: `${quorum.threshold} of ${quorum.memberCount} ${noun}`, witnessNames };
    }
  }
}

const pinKey = "chainpay:pinned-policy";

export function readPolicyPin(): PolicyPin | null {
  try {
    const pin = JSON.parse(localStorage.getItem(pinKey) ?? "null") as PolicyPin | null;
    return pin !== null && typeof pin.policyText === "string" && typeof pin.nodePublicKey === "string" ? pin : null;
  } catch {
    return null;
  }
}

export function writePolicyPin(pin: PolicyPin): void {
  localStorage.setItem(pinKey, JSON.stringify(pin));
}

export function forgetPolicyPin(): void {
  localStorage.removeItem(pinKey);
}
