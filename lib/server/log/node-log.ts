// The node's log identity and policy (PROTOCOL.md v2 "Settled details"): its origin, its checkpoint key and vkey,
// and the policy it serves, made from the operator's WITNESS_POLICY file with exactly one `log` line, the node's
// own vkey, first. Checked by `prepareNode` at start, so that a bad file stops `npm start` with one line naming
// the policy's line at fault, and loaded again by the server process when the node is assembled.
import "server-only";
import { readFileSync } from "node:fs";
import { signWithNodeCrypto, type NodeKey } from "../../crypto/ed25519";
import { hexToBytes } from "../../ledger/hex";
import { defaultOrigin, nodeLogKey } from "../../ledger/log/checkpoint";
import { ed25519NoteSigner, type NoteSigner, type VerifierKey } from "../../ledger/log/note";
import { formatPolicy, parsePolicy, PolicyError, type Policy } from "../../ledger/log/policy";
import { ConfigError, type NodeConfig } from "../node/env";

/** A policy file longer than this is a mistake: a policy lists a handful of witnesses. */
export const policyFileBytesMax = 64 * 1024;

/** Cosignature keys are `cosignature/v1`, type 0x04 (PROTOCOL.md "Settled details"). */
const cosignatureKeyType = 0x04;

export type NodeLog = {
  origin: string;
  /** The node's checkpoint key: type 0x01, name = origin. */
  key: VerifierKey;
  /** The policy as served: the node's `log` line first, then the operator's witnesses, groups and quorum. */
  policy: Policy;
  policyText: string;
};

/** The node's log from its settings and public key; throws ConfigError (WITNESS_POLICY or LOG_ORIGIN) on a bad one. */
export function loadNodeLog(config: NodeConfig, chainId: string, nodePublicKeyHex: string): NodeLog {
  const origin = config.log.originRequested ?? defaultOrigin(chainId);
  const key = nodeLogKey(origin, hexToBytes(nodePublicKeyHex));
  const operator = config.log.policyFile === undefined ? null : readOperatorPolicy(config.log.policyFile, key);
  const witnesses = operator?.witnesses ?? [];
  const policy: Policy = {
    logs: [key],
    witnesses,
    groups: operator?.groups ?? [],
    quorum: witnesses.length === 0 ? "none" : (operator?.quorum ?? "none"),
  };
  return { origin, key, policy, policyText: formatPolicy(policy) };
}

/** The signer of the node's checkpoints: the node key, type 0x01, key name = origin. */
export function checkpointSignerOf(log: NodeLog, nodeKey: NodeKey): NoteSigner {
  return ed25519NoteSigner(log.origin, log.key.publicKey, (message) =>
    hexToBytes(signWithNodeCrypto(nodeKey.privateKey, message)),
  );
}

function policyIssue(file: string, message: string): ConfigError {
  return new ConfigError([{ variable: "WITNESS_POLICY", message: `(${file}) ${message}` }]);
}

/** The operator's file, parsed and checked against what the node serves. */
function readOperatorPolicy(file: string, nodeKey: VerifierKey): Policy {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw policyIssue(file, `cannot be read: ${(error as Error).message}`);
  }
  if (Buffer.byteLength(text) > policyFileBytesMax) throw policyIssue(file, `is over ${policyFileBytesMax} bytes`);
  let policy: Policy;
  try {
    policy = parsePolicy(text);
  } catch (error) {
    if (error instanceof PolicyError) throw policyIssue(file, `is not a tlog-policy file: ${error.message}`);
    throw error;
  }
  const lines = text.split("\n");
  const lineOf = (keyword: string, name?: string) => {
    const index = lines.findIndex((line) => {
      const fields = line.trim().split(/\s+/);
      return fields[0] === keyword && (name === undefined || fields[1] === name);
    });
    return index < 0 ? "" : `line ${index + 1}: `;
  };
  for (const log of policy.logs) {
    if (log.vkey !== nodeKey.vkey) {
      const at = lines.findIndex((line) => line.trim().split(/\s+/)[1] === log.vkey);
      throw policyIssue(
        file,
        `${at < 0 ? "" : `line ${at + 1}: `}its log line must be this node's vkey ${nodeKey.vkey}, not ${log.vkey}`,
      );
    }
  }
  for (const witness of policy.witnesses) {
    const at = lineOf("witness", witness.name);
    if (witness.key.type !== cosignatureKeyType) {
      throw policyIssue(file, `${at}witness ${witness.name}'s key must be a cosignature/v1 key (type 0x04)`);
    }
    if (witness.url === null || !isSubmissionPrefix(witness.url)) {
      throw policyIssue(file, `${at}witness ${witness.name} needs its submission prefix URL (http:// or https://)`);
    }
  }
  return policy;
}

function isSubmissionPrefix(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.search === "" && parsed.hash === "";
  } catch {
    return false;
  }
}

/** Where a witness's add-checkpoint is: the prefix URL and `/add-checkpoint` (tlog-witness). */
export function addCheckpointUrlOf(prefix: string): string {
  return `${prefix.replace(/\/+$/, "")}/add-checkpoint`;
}
