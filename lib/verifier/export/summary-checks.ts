// The checks of an export's signed summary, once everything else in the file is read: that the node key signed
// it, that the document says what it says, and that the receipts listed are exactly those it counts and hashes.
// Without it a statement could lose its debits and gain a balance, and still add up.
import type { BatchVerifier } from "../../ledger/audit";
import { canonicalJson } from "../../ledger/canonical";
import type { SignedBlock } from "../../ledger/types";
import { exportSummarySchema, exportSummarySignatureSchema, type ExportSummary } from "../../validations/export";
import { describeIssue } from "../../validations/issues";
import { exportSummaryBytes } from "./statement-summary";

/** What the checker saw in the rest of the file, for the summary to be held against. */
export type SummaryEvidence = {
  fields: ReadonlyMap<string, unknown>;
  trustedKey: string;
  /** Every item of the receipts list, well formed or not. */
  receiptCount: number;
  /** txIdsHash over the well-formed receipts, in the order listed. */
  txIdsHash: string;
  headersByHeight: ReadonlyMap<number, SignedBlock>;
};

/** The fields a document repeats from its summary, by kind: each must be the very value the node signed. */
const repeatedFields = ["kind", "chainId", "nodePublicKey", "currency", "createdAt"] as const;
const repeatedFieldsOfKind = { account: ["account", "balance"], blocks: ["from", "to"] } as const;

export async function summaryProblems(evidence: SummaryEvidence, verifyBatch: BatchVerifier): Promise<string[]> {
  const { fields, trustedKey } = evidence;
  if (!fields.has("summary") || !fields.has("summarySignature")) {
    return ["the export has no signed summary (summary, summarySignature): nothing shows that no receipt is missing"];
  }
  const parsed = exportSummarySchema.safeParse(fields.get("summary"));
  if (!parsed.success) return [`the export's summary is malformed: ${describeIssue(parsed.error.issues)}`];
  const signature = exportSummarySignatureSchema.safeParse(fields.get("summarySignature"));
  if (!signature.success)
    return [`the export's summarySignature is malformed: ${describeIssue(signature.error.issues)}`];
  const summary = parsed.data;
  const [isSigned] = await verifyBatch([
    { publicKey: trustedKey, message: exportSummaryBytes(summary), signature: signature.data },
  ]);
  // Nothing a summary says counts unless the node signed it: its other problems would only repeat this one.
  if (isSigned !== true) {
    return [
      "the summary's signature does not verify against the trusted key: the summary was changed, or another key signed it",
    ];
  }
  return [
    ...documentProblems(summary, fields),
    ...receiptProblems(summary, evidence),
    ...rangeProblems(summary, evidence),
  ];
}

function documentProblems(summary: ExportSummary, fields: ReadonlyMap<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key of [...repeatedFields, ...repeatedFieldsOfKind[summary.kind]]) {
    const stated = fields.get(key);
    const signed = summary[key];
    if (stated === undefined || canonicalOrNull(stated) !== canonicalOrNull(signed)) {
      problems.push(`the export's ${key} is ${shown(stated)}, but its signed summary says ${shown(signed)}`);
    }
  }
  const isAccount = summary.kind === "account";
  if (isAccount !== (summary.account !== undefined) || isAccount !== (summary.balance !== undefined)) {
    problems.push(`the signed summary of kind ${summary.kind} ${isAccount ? "lacks" : "has"} an account and a balance`);
  }
  return problems;
}

function receiptProblems(summary: ExportSummary, evidence: SummaryEvidence): string[] {
  const problems: string[] = [];
  if (evidence.receiptCount !== summary.count) {
    problems.push(
      `the export lists ${evidence.receiptCount} receipts, but its signed summary says ${summary.count}: receipts were left out or added`,
    );
  }
  if (evidence.txIdsHash !== summary.txIdsHash) {
    problems.push(
      "the receipts' txIds, in the order listed, do not hash to the signed summary's txIdsHash: a receipt was left out, added, changed or moved",
    );
  }
  return problems;
}

/** A statement covers the whole history up to its head; no export holds a block above its head. */
function rangeProblems(summary: ExportSummary, evidence: SummaryEvidence): string[] {
  const problems: string[] = [];
  const { head, from, to } = summary;
  if (summary.kind === "account" && (from !== 0 || to !== head.height)) {
    problems.push(
      `the signed summary covers blocks ${from} to ${to}, not the account's whole history (0 to the head, ${head.height})`,
    );
  }
  if (from > to || to > head.height)
    problems.push(`the signed summary's range ${from} to ${to} is not below its head ${head.height}`);
  for (const height of evidence.headersByHeight.keys()) {
    if (height > head.height)
      problems.push(`header at height ${height}: above the signed summary's head ${head.height}`);
  }
  const headHeader = evidence.headersByHeight.get(head.height);
  if (headHeader !== undefined && headHeader.hash !== head.hash) {
    problems.push(`header at height ${head.height}: it is not the head block the signed summary names`);
  }
  return problems;
}

/** A file's field may hold what has no canonical form (a lone surrogate): that is never the signed value. */
function canonicalOrNull(value: unknown): string | null {
  try {
    return canonicalJson(value);
  } catch {
    return null;
  }
}

function shown(value: unknown): string {
  if (value === undefined) return "missing";
  const text = canonicalOrNull(value) ?? "not JSON a summary could hold";
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
