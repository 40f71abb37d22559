// C2SP tlog-policy (c2sp.org/tlog-policy) as PROTOCOL.md v2 settles it: `log <vkey>` lines, `witness <name>
// <vkey> <submission prefix URL>` lines, `group <name> <k|all|any> <member>…` lines and one `quorum <name|none>`.
import { cosignatureV1SignatureType, ed25519SignatureType, NoteError, parseVerifierKey } from "./note";
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

/** The largest policy file read, in characters. */
export const policyCharactersMax = 65_536;
/** The most logs, witnesses and groups a policy may define, each (the spec asks for at least 32). */
export const policyLogsMax = 32;
export const policyWitnessesMax = 64;
export const policyGroupsMax = 64;
/** The predefined name a quorum may use to ask for no cosignature. */
export const quorumNone = "none";

// The spec's character set: tab, newline, 0x20–0x7E and anything with the high bit set.
// eslint-disable-next-line no-control-regex -- the control characters are what this pattern is about
const forbiddenCharacterPattern = /[\u0000-\u0008\u000b-\u001f\u007f]/;
const whitespacePattern = /[ \t]+/;
const thresholdPattern = /^[1-9][0-9]*$/;

function isSameKey(a: VerifierKey, b: VerifierKey): boolean {
  return a.publicKey.length === b.publicKey.length && a.publicKey.every((byte, index) => byte === b.publicKey[index]);
}

/** A witness's submission prefix URL: http or https, no whitespace (the policy splits on it). */
export function isWitnessUrl(url: string): boolean {
  // new URL rather than URL.canParse, which browsers before 2023 lack.
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return false;
  }
  return protocol === "http:" || protocol === "https:";
}

type PolicyBuilder = Policy & { quorumLine: number | null; names: Set<string>; memberNames: Set<string> };

function parseKey(vkey: string | undefined, type: number, role: string, fail: (message: string) => never): VerifierKey {
  if (vkey === undefined) fail(`a ${role} line needs a vkey`);
  let key: VerifierKey;
  try {
    key = parseVerifierKey(vkey);
  } catch (error) {
    if (error instanceof NoteError) fail(`the ${role}'s vkey does not parse: ${error.message}`);
    throw error;
  }
  if (key.type !== type) fail(`a ${role} key must be of signature type 0x0${type}`);
  return key;
}

function addLog(policy: PolicyBuilder, items: string[], fail: (message: string) => never): void {
  if (items.length > 2) fail("a log line is `log <vkey> [<url>]`");
  const key = parseKey(items[0], ed25519SignatureType, "log", fail);
  if (policy.logs.some((log) => isSameKey(log, key))) fail("the same log key is listed twice");
  if (policy.logs.length >= policyLogsMax) fail(`a policy may list at most ${policyLogsMax} logs`);
  policy.logs.push(key);
}

function defineName(policy: PolicyBuilder, name: string | undefined, fail: (message: string) => never): string {
  if (name === undefined) fail("a name is missing");
  if (name === quorumNone) fail("`none` is a predefined name");
  if (policy.names.has(name)) fail(`the name ${name} is defined twice`);
  policy.names.add(name);
  return name;
}

function addWitness(policy: PolicyBuilder, items: string[], fail: (message: string) => never): void {
  if (items.length < 2 || items.length > 3) fail("a witness line is `witness <name> <vkey> [<url>]`");
  const key = parseKey(items[1], cosignatureV1SignatureType, "witness", fail);
  if (policy.witnesses.some((witness) => isSameKey(witness.key, key))) fail("the same witness key is listed twice");
  const url = items[2] ?? null;
  if (url !== null && !isWitnessUrl(url)) fail("a witness URL must be an http or https URL");
  if (policy.witnesses.length >= policyWitnessesMax) fail(`a policy may list at most ${policyWitnessesMax} witnesses`);
  policy.witnesses.push({ name: defineName(policy, items[0], fail), key, url });
}

function addGroup(policy: PolicyBuilder, items: string[], fail: (message: string) => never): void {
  if (items.length < 3) fail("a group line is `group <name> <k|all|any> <member>...` with at least one member");
  const [name, thresholdText, ...members] = items as [string, string, ...string[]];
  for (const member of members) {
    if (member === quorumNone) fail("`none` cannot be a group member");
    if (!policy.names.has(member)) fail(`the group member ${member} is not a witness or group defined above`);
    if (policy.memberNames.has(member)) fail(`${member} is already a member of a group`);
    policy.memberNames.add(member);
  }
  let threshold: number;
  if (thresholdText === "all") threshold = members.length;
  else if (thresholdText === "any") threshold = 1;
  else if (thresholdPattern.test(thresholdText)) threshold = Number(thresholdText);
  else fail("a group's threshold is `all`, `any` or a decimal number");
  if (threshold < 1 || threshold > members.length) fail("a group's threshold must be between 1 and its member count");
  if (policy.groups.length >= policyGroupsMax) fail(`a policy may define at most ${policyGroupsMax} groups`);
  policy.groups.push({ name: defineName(policy, name, fail), threshold, members });
}

function setQuorum(policy: PolicyBuilder, items: string[], lineNumber: number, fail: (message: string) => never) {
  if (items.length !== 1) fail("a quorum line is `quorum <name>`");
  if (policy.quorumLine !== null) fail(`the quorum is already defined on line ${policy.quorumLine}`);
  const name = items[0]!;
  if (name !== quorumNone && !policy.names.has(name))
    fail(`the quorum ${name} is not a witness or group defined above`);
  policy.quorum = name;
  policy.quorumLine = lineNumber;
}

/** Parses a policy file; throws PolicyError naming the line at fault. */
export function parsePolicy(text: string): Policy {
  if (text.length > policyCharactersMax)
    throw new PolicyError(`a policy holds at most ${policyCharactersMax} characters`);
  const policy: PolicyBuilder = {
    logs: [],
    witnesses: [],
    groups: [],
    quorum: quorumNone,
    quorumLine: null,
    names: new Set(),
    memberNames: new Set(),
  };
  const lines = text.split("\n");
  // Every line ends in a newline; the empty string after the last one is no line.
  if (lines.at(-1) === "") lines.pop();
  for (const [index, line] of lines.entries()) {
    const lineNumber = index + 1;
    const fail = (message: string): never => {
      throw new PolicyError(`policy line ${lineNumber}: ${message}`);
    };
    if (forbiddenCharacterPattern.test(line)) fail("control characters other than tab are not allowed");
    const trimmed = line.replace(/^[ \t]+|[ \t]+$/g, "");
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const [keyword, ...items] = trimmed.split(whitespacePattern) as [string, ...string[]];
    if (keyword === "log") addLog(policy, items, fail);
    else if (keyword === "witness") addWitness(policy, items, fail);
    else if (keyword === "group") addGroup(policy, items, fail);
    else if (keyword === "quorum") setQuorum(policy, items, lineNumber, fail);
    else fail(`unknown keyword ${keyword}`);
  }
  if (policy.quorumLine === null) throw new PolicyError("a policy must have exactly one quorum line");
  return { logs: policy.logs, witnesses: policy.witnesses, groups: policy.groups, quorum: policy.quorum };
}

/** The policy file's text, one line per entry, logs first, then witnesses, groups and the quorum. */
export function formatPolicy(policy: Policy): string {
  const lines = [
    ...policy.logs.map((log) => `log ${log.vkey}`),
    ...policy.witnesses.map((witness) =>
      witness.url === null
        ? `witness ${witness.name} ${witness.key.vkey}`
        : `witness ${witness.name} ${witness.key.vkey} ${witness.url}`,
    ),
    ...policy.groups.map((group) => `group ${group.name} ${group.threshold} ${group.members.join(" ")}`),
    `quorum ${policy.quorum}`,
  ];
  const text = lines.map((line) => `${line}\n`).join("");
  // What is written must read back: a policy that would not parse is refused here, naming its fault.
  parsePolicy(text);
  return text;
}

/** Whether the witnesses named in `cosigners` (valid cosignatures only) satisfy the quorum; `quorum none` always is. */
export function isQuorumMet(policy: Policy, cosigners: ReadonlySet<string>): boolean {
  if (policy.quorum === quorumNone) return true;
  const groups = new Map(policy.groups.map((group) => [group.name, group]));
  const witnesses = new Set(policy.witnesses.map((witness) => witness.name));
  // Groups only name what was defined before them, so the walk ends; `depth` guards a hand-built cycle.
  const isSatisfied = (name: string, depth: number): boolean => {
    if (depth > policyGroupsMax) return false;
    const group = groups.get(name);
    if (group === undefined) return witnesses.has(name) && cosigners.has(name);
    const count = group.members.filter((member) => isSatisfied(member, depth + 1)).length;
    return count >= group.threshold;
  };
  return isSatisfied(policy.quorum, 0);
}
