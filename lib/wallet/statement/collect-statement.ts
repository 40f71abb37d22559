// Gathers the receipts of an account's statement from the node's public API, in the browser: the account's
// history page by page (newest first) until the range's start is passed, then each payment's receipt, from the
// wallet's own store when it has it, else from GET /api/transactions/{txId}. Everything is bounded: at most
// statementHistoryPagesMax pages and statementEntriesMax entries, so a long history cannot make the wallet (or the
// node) work without end, and every receipt is checked against the trusted node key before it goes in the file.
import { z } from "zod";
import { pageLimitMax, timestampSkewMaxMs } from "../../ledger/limits";
import type { AccountEntry, Receipt } from "../../ledger/types";
import { receiptSchema } from "../../validations/block";
import { statementEntriesMax } from "../../validations/statement";
import { hex64Schema, timestampSchema, transactionSchema } from "../../validations/transaction";
import { isInRange, type StatementRange } from "./statement-document";

/** 200 pages of 100: the newest 20,000 payments of the account are looked through at most. */
export const statementHistoryPagesMax = 200;
/** Receipts fetched at once: enough to hide the round trips, few enough not to crowd the node. */
const receiptFetchesAtOnce = 4;
/**
 * A transaction's time lies within 10 minutes of its block's, and block times never run backwards, so an entry
 * more than twice that before the range's start is followed only by older ones: the history can stop there.
 */
const rangeStartSlackMs = 2 * timestampSkewMaxMs;

const accountPageSchema = z.object({
  transactions: z.array(
    z.object({ txId: hex64Schema, tx: transactionSchema, blockHeight: z.number().int().min(0), leafIndex: z.number() }),
  ),
  nextBefore: z.string().nullable(),
});
const transactionAnswerSchema = z.object({ receipt: receiptSchema });

export type StatementProgress =
  { phase: "history"; pagesRead: number } | { phase: "receipts"; done: number; total: number };

export type CollectResult =
  | { kind: "ok"; receipts: Receipt[]; isTruncated: boolean }
  /** `reason` says what the person can do: "unreachable" (try again), "refused" and "unverified" (the node's). */
  | { kind: "failed"; reason: "unreachable" | "refused" | "unverified"; txId?: string };

export type CollectInput = {
  account: string;
  range: StatementRange;
  storedReceipt: (txId: string) => Receipt | null;
  /** Whether a receipt verifies under the node key this browser trusts. */
  isReceiptVerified: (receipt: Receipt) => Promise<boolean>;
  onProgress: (progress: StatementProgress) => void;
  signal?: AbortSignal;
  fetchJson?: (path: string, signal?: AbortSignal) => Promise<unknown>;
};

class CollectFailure extends Error {
  constructor(readonly reason: "unreachable" | "refused") {
    super(reason);
  }
}

async function fetchJsonOf(path: string, signal?: AbortSignal): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, { cache: "no-store", ...(signal === undefined ? {} : { signal }) });
  } catch (error) {
    if (signal?.aborted === true) throw error;
    throw new CollectFailure("unreachable");
  }
  if (response.status >= 500) throw new CollectFailure("unreachable");
  if (!response.ok) throw new CollectFailure("refused");
  return (await response.json().catch(() => {
    throw new CollectFailure("unreachable");
  })) as unknown;
}

/** The account's history entries in the range, newest first, read page by page. */
async function entriesInRange(input: CollectInput, fetchJson: NonNullable<CollectInput["fetchJson"]>) {
  const entries: AccountEntry[] = [];
  const rangeStartMs = Date.parse(input.range.from);
  let before: string | null = null;
  for (let pagesRead = 0; pagesRead < statementHistoryPagesMax;) {
    const query = `limit=${pageLimitMax}${before === null ? "" : `&before=${encodeURIComponent(before)}`}`;
    const parsed = accountPageSchema.safeParse(
      await fetchJson(`/api/accounts/${input.account}?${query}`, input.signal),
    );
    if (!parsed.success) throw new CollectFailure("refused");
    pagesRead += 1;
    input.onProgress({ phase: "history", pagesRead });
    for (const entry of parsed.data.transactions) {
      if (Date.parse(entry.tx.timestamp) < rangeStartMs - rangeStartSlackMs) return { entries, isTruncated: false };
      if (!isInRange(entry.tx.timestamp, input.range)) continue;
      if (entries.length === statementEntriesMax) return { entries, isTruncated: true };
      entries.push(entry);
    }
    before = parsed.data.nextBefore;
    if (before === null) return { entries, isTruncated: false };
  }
  return { entries, isTruncated: true };
}

export async function collectStatementReceipts(input: CollectInput): Promise<CollectResult> {
  const fetchJson = input.fetchJson ?? fetchJsonOf;
  try {
    const { entries, isTruncated } = await entriesInRange(input, fetchJson);
    const receipts: Receipt[] = new Array<Receipt>(entries.length);
    let done = 0;
    let next = 0;
    input.onProgress({ phase: "receipts", done, total: entries.length });
    const worker = async () => {
      while (next < entries.length) {
        const index = next++;
        const { txId } = entries[index]!;
        let receipt = input.storedReceipt(txId);
        if (receipt === null) {
          const parsed = transactionAnswerSchema.safeParse(await fetchJson(`/api/transactions/${txId}`, input.signal));
          if (!parsed.success || parsed.data.receipt.txId !== txId) throw new CollectFailure("refused");
          receipt = parsed.data.receipt;
        }
        if (!(await input.isReceiptVerified(receipt))) throw new UnverifiedReceipt(txId);
        receipts[index] = receipt;
        done += 1;
        input.onProgress({ phase: "receipts", done, total: entries.length });
      }
    };
    await Promise.all(Array.from({ length: receiptFetchesAtOnce }, worker));
    return { kind: "ok", receipts, isTruncated };
  } catch (error) {
    if (error instanceof CollectFailure) return { kind: "failed", reason: error.reason };
    if (error instanceof UnverifiedReceipt) return { kind: "failed", reason: "unverified", txId: error.txId };
    throw error;
  }
}

class UnverifiedReceipt extends Error {
  constructor(readonly txId: string) {
    super(`the receipt of ${txId} does not verify`);
  }
}

/** The range of whole local days from `fromDay` to `toDay` (yyyy-mm-dd, both included), as UTC instants. */
export function rangeOfDays(fromDay: string, toDay: string): StatementRange | null {
  const start = localMidnight(fromDay);
  const end = localMidnight(toDay);
  if (start === null || end === null || end < start) return null;
  end.setDate(end.getDate() + 1);
  const range = { from: start.toISOString(), to: end.toISOString() };
  return timestampSchema.safeParse(range.from).success && timestampSchema.safeParse(range.to).success ? range : null;
}

function localMidnight(day: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match === null) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) || date.getDate() !== Number(match[3]) ? null : date;
}
