// The offline check of a holder's statement (lib/validations/statement.ts), behind `npm run verify -- --file`
// when the file says `"format": "chainpay-statement"`. Nothing in the file is taken on its word: every receipt is
// verified (the wallet's own verifyReceipt) under the trusted node key, every entry is derived again from its
// receipt and must equal it field by field (so an edited amount, memo or direction fails even where the receipt
// still verifies), every entry must be the account's and lie in the range, no payment may be listed twice, and
// the totals are summed again. What a statement cannot show is that none of the account's payments in the range
// was left out: only the node's signed admin export proves that (README, "The holder's statement").
import { canonicalJson } from "../../ledger/canonical";
import { verifyWithWebCrypto, type SignatureVerifier } from "../../ledger/ed25519";
import { verifyReceipt } from "../../ledger/receipt";
import { describeIssue } from "../../validations/issues";
import { statementFormatName, statementSchema, statementVersion, type Statement } from "../../validations/statement";
import { isInRange, statementEntryOf, statementTotalsOf } from "../../wallet/statement/statement-document";

export type VerifyStatementReport = {
  ok: boolean;
  statement: Pick<Statement, "account" | "range" | "totals" | "chainId" | "currency"> | null;
  /** What failed, in the order found, the first problemsShownMax of them with how many more there were. */
  problems: string[];
};

const problemsShownMax = 20;

/** Whether a parsed JSON value claims to be a statement (and so is checked as one, not as an export). */
export function isStatementDocument(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as { format?: unknown }).format === statementFormatName;
}

export async function verifyStatement(
  document: unknown,
  options: { nodePublicKey?: string; verify?: SignatureVerifier },
): Promise<VerifyStatementReport> {
  const verify = options.verify ?? verifyWithWebCrypto;
  const parsed = statementSchema.safeParse(document);
  if (!parsed.success) {
    const version = (document as { version?: unknown }).version;
    const problem =
      version !== statementVersion
        ? `the statement's version ${JSON.stringify(version)} is not ${statementVersion}`
        : `the file is not a well-formed statement: ${describeIssue(parsed.error.issues)}`;
    return { ok: false, statement: null, problems: [problem] };
  }
  const statement = parsed.data;
  const problems: string[] = [];
  const trustedKey = options.nodePublicKey ?? statement.nodePublicKey;
  if (statement.nodePublicKey !== trustedKey) {
    problems.push(`the statement names node key ${statement.nodePublicKey}, not the key given (${trustedKey})`);
  }
  const seen = new Set<string>();
  for (const [index, entry] of statement.entries.entries()) {
    const where = `entry ${index} (${entry.txId})`;
    const verification = await verifyReceipt(entry.receipt, trustedKey, verify);
    for (const check of verification.checks) if (!check.ok) problems.push(`${where}: failed: ${check.name}`);
    if (entry.receipt.tx.chainId !== statement.chainId) problems.push(`${where}: its receipt is of another chain`);
    const derived = statementEntryOf(entry.receipt, statement.account);
    if (derived === null) problems.push(`${where}: the payment is not the account's`);
    else if (canonicalJson(derived) !== canonicalJson(entry)) {
      problems.push(`${where}: its fields are not what its receipt says`);
    }
    if (!isInRange(entry.time, statement.range)) problems.push(`${where}: its time ${entry.time} is outside the range`);
    if (seen.has(entry.txId)) problems.push(`${where}: the payment is listed twice`);
    seen.add(entry.txId);
  }
  const totals = statementTotalsOf(statement.entries);
  for (const field of ["count", "incoming", "outgoing", "net"] as const) {
    if (String(totals[field]) !== String(statement.totals[field])) {
      problems.push(`the totals' ${field} is ${statement.totals[field]}, but the entries add up to ${totals[field]}`);
    }
  }
  const shown = problems.slice(0, problemsShownMax);
  if (problems.length > problemsShownMax) shown.push(`… and ${problems.length - problemsShownMax} more problems`);
  const { account, range, chainId, currency } = statement;
  return {
    ok: problems.length === 0,
    statement: { account, range, totals: statement.totals, chainId, currency },
    problems: shown,
  };
}
