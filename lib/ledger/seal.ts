// The sealing rules, pure: which waiting transactions go into the next block, the block that holds them, and the
// balances they leave. Both stores (SQLite and PostgreSQL) apply them inside their write transaction; a follower
// stores verified blocks with the same mapping. No I/O here, so they are tested without a database.
import type { AuditBlock } from "./audit";
import { applyTransaction, type BalanceProblem } from "./balances";
import { assert } from "./errors";
import { computeBlockHash } from "./hash";
import { bytesToHex, hexToBytes } from "./hex";
import { blockTransactionsMax, blockVersion, totalSupplyMinorMax } from "./limits";
import { merkleTree, type MerkleTree } from "./merkle";
import type { BlockHeader, SignedBlock, SignedTransaction } from "./types";

export type SealCandidate = { txId: string; signed: SignedTransaction };
/** Why a candidate is left out: a balance rule, or a mint that would take the total supply past its limit. */
export type SealProblem = BalanceProblem | "supply_exceeded";
export type SealOutcome =
  { kind: "sealed"; leafIndex: number } | { kind: "recorded" } | { kind: "refused"; problem: SealProblem };
export type HeaderSigner = (header: BlockHeader) => string;

/** The first account whose stored balance differs from `replayed` (accounts absent from both hold 0). */
export function firstBalanceMismatch(
  stored: readonly { publicKey: string; balanceMinor: bigint }[],
  replayed: ReadonlyMap<string, bigint>,
): string | null {
  for (const { publicKey, balanceMinor } of stored) {
    if ((replayed.get(publicKey) ?? 0n) !== balanceMinor) return publicKey;
  }
  const storedKeys = new Set(stored.map((row) => row.publicKey));
  for (const [publicKey, balanceMinor] of replayed) {
    if (!storedKeys.has(publicKey) && balanceMinor !== 0n) return publicKey;
  }
  return null;
}

/** The accounts whose balance a transaction changes: its payee, and its payer unless it is a mint. */
export function accountsChangedBy(tx: { type: string; from: string; to: string }): string[] {
  return tx.type === "payment" ? [tx.from, tx.to] : [tx.to];
}

/**
 * Decides which candidates go into the next block: those not yet recorded (nor repeated in the batch) whose
 * transfer the balances cover and whose mint keeps the total supply within totalSupplyMinorMax, applied in
 * order. `balances` is filled from `balanceOf` and then updated; `supplyMinor` is the supply the store keeps
 * (its totals row, which the database itself then moves on as the block's mints are written).
 */
export function planSeal(
  candidates: readonly SealCandidate[],
  isRecorded: (txId: string) => boolean,
  balanceOf: (account: string) => bigint,
  supplyMinor = 0n,
): { sealed: SealCandidate[]; outcomes: SealOutcome[]; balances: Map<string, bigint>; touched: Set<string> } {
  assert(candidates.length <= blockTransactionsMax, "a block holds at most blockTransactionsMax transactions");
  const balances = new Map<string, bigint>();
  const touched = new Set<string>();
  const seen = new Set<string>();
  const sealed: SealCandidate[] = [];
  let supplyAfterMinor = supplyMinor;
  const outcomes: SealOutcome[] = candidates.map(({ txId, signed }) => {
    if (seen.has(txId) || isRecorded(txId)) return { kind: "recorded" };
    // Subtracting keeps the comparison exact whatever the supply: supplyAfterMinor never exceeds the limit here.
    const mintedMinor = signed.tx.type === "mint" ? BigInt(signed.tx.amount) : 0n;
    if (mintedMinor > totalSupplyMinorMax - supplyAfterMinor) return { kind: "refused", problem: "supply_exceeded" };
    for (const account of [signed.tx.from, signed.tx.to]) {
      if (!balances.has(account)) balances.set(account, balanceOf(account));
    }
    const problem = applyTransaction(balances, signed.tx);
    if (problem !== null) return { kind: "refused", problem };
    supplyAfterMinor += mintedMinor;
    seen.add(txId);
    for (const account of accountsChangedBy(signed.tx)) touched.add(account);
    sealed.push({ txId, signed });
    return { kind: "sealed", leafIndex: sealed.length - 1 };
  });
  return { sealed, outcomes, balances, touched };
}

/** A block just made, with its Merkle tree: built once, it gives the header's root and every receipt's path. */
export type SealedBlock = { block: SignedBlock; tree: MerkleTree };

/** Makes and signs the block after `head` holding `entries` in leaf order. */
export function makeNextBlock(
  head: SignedBlock,
  entries: readonly SealCandidate[],
  signHeader: HeaderSigner,
  nowMs: number,
): SealedBlock {
  assert(
    entries.length >= 1 && entries.length <= blockTransactionsMax,
    "a block holds 1 to blockTransactionsMax transactions",
  );
  // Block times never run backwards, even if the machine's clock does.
  const timestamp = new Date(Math.max(nowMs, Date.parse(head.header.timestamp))).toISOString();
  const tree = merkleTree(entries.map((item) => hexToBytes(item.txId)));
  const header: BlockHeader = {
    version: blockVersion,
    chainId: head.header.chainId,
    height: head.header.height + 1,
    prevHash: head.hash,
    merkleRoot: bytesToHex(tree.root),
    txCount: entries.length,
    timestamp,
  };
  return { block: { header, hash: computeBlockHash(header), signature: signHeader(header) }, tree };
}

/** A verified block's transactions as seal entries, to be stored exactly as the node that sealed them did. */
export function entriesOf(item: AuditBlock): SealCandidate[] {
  return item.transactions.map(({ txId, tx, signature }) => ({ txId, signed: { tx, signature } }));
}
