// POST /api/payments/batch: many signed payments, each checked as POST /api/payments checks one, but done for
// the batch at once: identical items are checked once, the already-recorded ones are looked up in one store read,
// and the signatures are verified together on every core. The main thread yields between chunks of items, so
// that a 1,000-item batch never holds up the node's other requests for long.
import "server-only";
import { takeTurn } from "../http/take-turn";
import { LedgerError, type ErrorBody } from "../../ledger/errors";
import { digestTransaction } from "../../ledger/hash";
import { buildReceipt } from "../../ledger/receipt";
import type { Receipt } from "../../ledger/types";
import { signedPaymentSchema } from "../../validations/transaction";
import { getVerifyPool, verifyThreadsFor } from "../../crypto/verify-pool";
import { zodToLedgerError } from "../http/errors";
import { writerOf, type LedgerNode } from "../node/context";
import { batchGateOf } from "./batch-gate";
import type { Sealer } from "./sealer";
import { chainOrTimestampProblem, invalidSignature, type Checked } from "./submit-payment";

export type BatchResult = { created: boolean; receipt: Receipt } | ErrorBody;

/**
 * Items handled between two yields to the event loop, at each step: parsed and hashed (a payment's schema check
 * and canonical hash take some 30 µs), looked up (one store read, and on SQLite the read runs on this thread),
 * and written into the answer. About 3 ms of work on these machines, so a request that arrives meanwhile waits
 * no longer; a replayed batch of 1,000 costs ten store reads, not 1,000.
 */
export const batchItemsPerChunk = 100;

/** What is known of one distinct item as the checks go: an answer, or a payment still to check. */
type Entry = { answer: BatchResult } | { checked: Checked };

/** Each item stands alone, as if sent by itself, in order; an item identical to an earlier one gets its answer. */
export async function submitBatch(node: LedgerNode, items: readonly unknown[]): Promise<BatchResult[]> {
  const { sealer } = writerOf(node);
  return batchGateOf(sealer).run(items.length, (handOver) => answerBatch(node, sealer, items, handOver));
}

async function answerBatch(
  node: LedgerNode,
  sealer: Sealer,
  items: readonly unknown[],
  handOver: () => void,
): Promise<BatchResult[]> {
  // firstOf[i] is the position of the first item identical to item i (i itself for a first).
  const firstOf = new Array<number>(items.length);
  const entries = new Map<number, Entry>();
  const firstByText = new Map<string, number>();
  const firstBySignedPayment = new Map<string, number>();
  for (let start = 0; start < items.length; start += batchItemsPerChunk) {
    if (start > 0) await takeTurn();
    for (let index = start; index < Math.min(items.length, start + batchItemsPerChunk); index++) {
      // The same text is the same item: a batch of one payment repeated is parsed and hashed once.
      const text = JSON.stringify(items[index]);
      const sameText = firstByText.get(text);
      if (sameText !== undefined) {
        firstOf[index] = sameText;
        continue;
      }
      firstByText.set(text, index);
      const entry = parseItem(items[index]);
      // The same signed payment written otherwise (its fields in another order) is the same payment too.
      const key = "checked" in entry ? `${entry.checked.txId}:${entry.checked.signed.signature}` : null;
      const samePayment = key === null ? undefined : firstBySignedPayment.get(key);
      if (samePayment !== undefined) {
        firstOf[index] = samePayment;
        continue;
      }
      if (key !== null) firstBySignedPayment.set(key, index);
      firstOf[index] = index;
      entries.set(index, entry);
    }
  }
  await answerRecorded(node, entries);
  await takeTurn();
  checkChainAndTimestamp(node, entries);
  await verifySignatures(node, entries);
  handOver();
  const answers = await submitToSealer(sealer, entries);
  return firstOf.map((first, index) => {
    const answer = answers.get(first)!;
    // A later copy comes after its first, as if sent again alone: by then the payment is recorded.
    return index !== first && "created" in answer ? { created: false, receipt: answer.receipt } : answer;
  });
}

/** The shape, then the txId: the first of the protocol's checks, which need nothing but the item. */
function parseItem(item: unknown): Entry {
  const parsed = signedPaymentSchema.safeParse(item);
  if (!parsed.success) return { answer: zodToLedgerError(parsed.error).toBody() };
  const { txId, bytes: signedBytes } = digestTransaction(parsed.data.tx);
  return { checked: { txId, signed: parsed.data, signedBytes } };
}

/** Already recorded: the stored receipt is the answer, read for a chunk of items at a time in one store read. */
async function answerRecorded(node: LedgerNode, entries: Map<number, Entry>): Promise<void> {
  const toLookUp = [...entries].flatMap(([index, entry]) => ("checked" in entry ? [{ index, ...entry.checked }] : []));
  for (let start = 0; start < toLookUp.length; start += batchItemsPerChunk) {
    if (start > 0) await takeTurn();
    const chunk = toLookUp.slice(start, start + batchItemsPerChunk);
    const stored = await node.store.storedReceipts(chunk.map(({ txId }) => txId));
    for (const { index, txId } of chunk) {
      const receipt = stored.get(txId);
      if (receipt === undefined) continue;
      const answer = { created: false, receipt: buildReceipt({ ...receipt, nodePublicKey: node.nodePublicKey }) };
      entries.set(index, { answer });
    }
  }
}

/** The chain and the timestamp, in the protocol's order: what a single payment is checked for after the lookup. */
function checkChainAndTimestamp(node: LedgerNode, entries: Map<number, Entry>): void {
  const nowMs = Date.now();
  for (const [index, entry] of entries) {
    if (!("checked" in entry)) continue;
    const problem = chainOrTimestampProblem(node, entry.checked.signed.tx, nowMs);
    if (problem !== null) entries.set(index, { answer: problem.toBody() });
  }
}

/** The signatures of the payments still to check, on the verify pool, through its bounded queue. */
async function verifySignatures(node: LedgerNode, entries: Map<number, Entry>): Promise<void> {
  const toVerify = [...entries].flatMap(([index, entry]) => ("checked" in entry ? [{ index, ...entry.checked }] : []));
  if (toVerify.length === 0) return;
  let verdicts: boolean[];
  try {
    verdicts = await getVerifyPool(verifyThreadsFor(node.config.webConcurrency)).verifyPayments(
      toVerify.map(({ signed, signedBytes }) => ({
        publicKey: signed.tx.from,
        message: signedBytes,
        signature: signed.signature,
      })),
    );
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    for (const { index } of toVerify) entries.set(index, { answer: error.toBody() });
    return;
  }
  for (const [position, { index }] of toVerify.entries()) {
    if (!verdicts[position]!) entries.set(index, { answer: invalidSignature().toBody() });
  }
}

/** What passed every check goes to the sealer, which answers once its block has committed (or refuses it). */
async function submitToSealer(sealer: Sealer, entries: Map<number, Entry>): Promise<Map<number, BatchResult>> {
  const answers = await Promise.all(
    [...entries].map(async ([index, entry]): Promise<[number, BatchResult]> => {
      if (!("checked" in entry)) return [index, entry.answer];
      try {
        return [index, await sealer.submit({ txId: entry.checked.txId, signed: entry.checked.signed })];
      } catch (error) {
        if (error instanceof LedgerError) return [index, error.toBody()];
        throw error;
      }
    }),
  );
  return new Map(answers);
}
