// C2SP tlog-policy (c2sp.org/tlog-policy) as PROTOCOL.md v2 settles it: `log <vkey>` lines, `witness <name>
// <vkey> <submission prefix URL>` lines, `group <name> <k|all|any> <member>…` lines and one `quorum <name|none>`.
// CONTRACT STUB: the signatures below are fixed; the bodies are being written (issue 11, core helper).
import type { VerifierKey } from "./note";

export type PolicyWitness = { name: string; key: VerifierKey; url: string | null };
export type PolicyGroup = { name: string; threshold: number; members: string[] };
export type Policy = {
  logs: VerifierKey[];
  witnesses: PolicyWitness[];
  groups: PolicyGroup[];
  /** The name of the witness or group that must be satisfied, or "none". */
  quorum: string;
};

export class PolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PolicyError";
  }
}

/** Parses a policy file; throws PolicyError naming the line at fault. */
export function parsePolicy(text: string): Policy {
  void text;
  throw new Error("not built yet");
}

/** The policy file's text, one line per entry, logs first, then witnesses, groups and the quorum. */
export function formatPolicy(policy: Policy): string {
  void policy;
  throw new Error("not built yet");
}

/** Whether the witnesses named in `cosigners` (valid cosignatures only) satisfy the quorum; `quorum none` always is. */
export function isQuorumMet(policy: Policy, cosigners: ReadonlySet<string>): boolean {
  void [policy, cosigners];
  throw new Error("not built yet");
}
