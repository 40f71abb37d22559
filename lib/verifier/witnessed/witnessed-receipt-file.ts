// `npm run verify -- --receipt <witnessed.json> --policy <policy>`: a witnessed receipt (PROTOCOL.md v2 "A
// witnessed receipt") checked offline against a policy the verifier trusts, with no node to ask. The file is what
// GET /api/transactions/{txId}/witnessed answers (`{"witnessed": …}`) or the witnessed receipt itself.
import { z } from "zod";
import type { SignatureVerifier } from "../../ledger/ed25519";
import { NoteError } from "../../ledger/log/note";
import { parsePolicy, PolicyError, type Policy } from "../../ledger/log/policy";
import { verifyWitnessedReceipt, type Cosigner, type WitnessedReceipt } from "../../ledger/log/witnessed";
import type { ReceiptCheck } from "../../ledger/receipt";
import { leafIndexSchema, receiptSchema } from "../../validations/block";
import { describeIssue } from "../../validations/issues";
import { hex64Schema } from "../../validations/transaction";
import { parseJsonObject } from "../read-answer";
import { checkpointBodyBytesMax } from "../response-limits";

/**
 * A log proof's path has at most one hash per level of a tree of 2^63 leaves; a log this verifier can hold is far
 * smaller, so anything longer is not a proof.
 */
export const logProofPathMax = 63;

/** A witnessed receipt's file: a receipt (a few KiB), a checkpoint note and a log proof, with room for whitespace. */
export const witnessedReceiptFileBytesMax = 256 * 1024;

/** A policy file: a log line and a few hundred witness and group lines at most. */
export const policyFileBytesMax = 256 * 1024;

const logProofSchema = z.strictObject({
  leafIndex: leafIndexSchema,
  treeSize: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  path: z.array(hex64Schema).max(logProofPathMax),
});

export const witnessedReceiptSchema = z.strictObject({
  receipt: receiptSchema,
  checkpoint: z.string().min(1).max(checkpointBodyBytesMax),
  logProof: logProofSchema,
}) satisfies z.ZodType<WitnessedReceipt>;

/** What the route answers: the witnessed receipt inside `{"witnessed": …}`. */
const witnessedAnswerSchema = z.strictObject({ witnessed: witnessedReceiptSchema });

export type WitnessedFileReport = {
  ok: boolean;
  /** Each check in order, as a person reads it. */
  checks: ReceiptCheck[];
  cosigners: Cosigner[];
  /** Why the file could not be checked at all (not JSON, not a witnessed receipt, a note that does not open). */
  problems: string[];
};

/** Parses a policy file the verifier is given; throws PolicyError naming the line at fault. */
export function readPolicyText(text: string): Policy {
  const policy = parsePolicy(text);
  if (policy.logs.length === 0) throw new PolicyError("the policy has no log line, so no node key to trust");
  return policy;
}

/** Verifies the bytes of a witnessed receipt's file against a parsed policy at the verifier's clock. */
export async function verifyWitnessedFile(
  bytes: Uint8Array,
  policy: Policy,
  nowMs: number,
  verify: SignatureVerifier,
): Promise<WitnessedFileReport> {
  const failed = (problem: string): WitnessedFileReport => ({
    ok: false,
    checks: [],
    cosigners: [],
    problems: [problem],
  });
  const answer = parseJsonObject(bytes);
  if (!answer.ok) return failed(`the receipt file ${answer.problem}`);
  const schema = "witnessed" in answer.value ? witnessedAnswerSchema : witnessedReceiptSchema;
  const parsed = schema.safeParse(answer.value);
  if (!parsed.success)
    return failed(`the receipt file is not a witnessed receipt: ${describeIssue(parsed.error.issues)}`);
  const witnessed = "witnessed" in parsed.data ? parsed.data.witnessed : parsed.data;
  try {
    const result = await verifyWitnessedReceipt(witnessed, policy, nowMs, verify);
    return { ok: result.ok, checks: result.checks, cosigners: result.cosigners, problems: [] };
  } catch (error) {
    // The core names a note that does not open (a known key's bad signature, a cosignature from the future).
    if (error instanceof NoteError || error instanceof PolicyError) return failed(`the checkpoint: ${error.message}`);
    throw error;
  }
}
