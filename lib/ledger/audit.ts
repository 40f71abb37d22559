// The chain audit: everything a block must satisfy, checked from genesis with nothing trusted but the node key.
// The node (admin audit), the verifier CLI and followers all run this same code over their own block source.
import { isAmountString } from "./amount";
import { applyTransaction } from "./balances";
import { computeMerkleRoot, linkProblem } from "./block";
import { canonicalBytes } from "./canonical";
import { isAccountKey } from "./ed25519";
import { computeBlockHash, digestTransaction } from "./hash";
import { hex128Pattern, hex64Pattern } from "./hex";
import { blockTransactionsMax, blockVersion, timestampSkewMaxMs } from "./limits";
import { isIsoTimestamp, isTimestampFresh, memoProblem } from "./transaction";
import type { BlockHeader, BlockTransaction, SignedBlock, Transaction } from "./types";

/** A block's transaction as the audit reads it: the protocol's own shape, from the API or the database. */
export type AuditTransaction = BlockTransaction;
export type AuditBlock = { block: SignedBlock; transactions: AuditTransaction[] };
export type SignatureCheck = { publicKey: string; message: Uint8Array; signature: string };
/** Verifies many signatures at once, answering in order; lets the caller spread the work over cores. */
export type BatchVerifier = (checks: SignatureCheck[]) => Promise<boolean[]>;
/**
 * Which of `txIds` the audited chain already holds in a block below `height`: a store answers it from its txId
 * index, so that the auditor need not remember every txId of the chain (memory that grows with it).
 */
export type EarlierTxIds = (txIds: readonly string[], height: number) => Promise<ReadonlySet<string>>;

type Digest = { bytes: Uint8Array; txId: string };

export type AuditFailure = { height: number; reason: string };
/** How far an audit has read the chain: the height it reached, and how many blocks and transactions it checked. */
export type AuditProgress = { height: number; blocks: number; transactions: number };
/** What GET /api/admin/audit answers: how far the chain was checked and the first bad block, if any. */
export type AuditResult = AuditProgress & { ok: boolean; firstBad: AuditFailure | null };

/**
 * Audits a chain fed to it in ascending runs of blocks. Structure, links, Merkle roots and balances are checked
 * as each block arrives; signatures are verified a run at a time, so the first bad block is still the lowest.
 */
export class ChainAuditor {
  readonly nodePublicKey: string;
  private previous: SignedBlock | null = null;
  private chainId: string | null = null;
  private readonly balances = new Map<string, bigint>();
  /** The txIds checked so far: the whole chain's, or only the current run's when the store answers for earlier ones. */
  private readonly seenTxIds = new Set<string>();
  /** Of the current run's txIds, those the store holds below the run. */
  private recordedBelowRun: ReadonlySet<string> = new Set();
  private readonly earlierTxIds: EarlierTxIds | null;
  private blockCount = 0;
  /** The highest block whose structure and signatures have all been checked. */
  private goodHeight = -1;
  private transactionCount = 0;
  private failure: AuditFailure | null = null;

  /**
   * With `earlierTxIds`, a txId recorded twice is found by asking the store about each run's txIds, and the
   * auditor's memory is its balances alone (one entry an account), however long the chain; without it (a verifier
   * or a follower reading another node's API), the auditor remembers every txId it has checked.
   */
  constructor(nodePublicKey: string, options: { earlierTxIds?: EarlierTxIds } = {}) {
    this.nodePublicKey = nodePublicKey;
    this.earlierTxIds = options.earlierTxIds ?? null;
  }

  get result(): AuditResult {
    return {
      ok: this.failure === null && this.previous !== null,
      height: this.goodHeight,
      blocks: this.blockCount,
      transactions: this.transactionCount,
      firstBad:
        this.failure ?? (this.previous === null ? { height: 0, reason: "the chain has no genesis block" } : null),
    };
  }

  /** Every balance as the audited transactions add up to; compared with what the node stores. */
  get replayedBalances(): ReadonlyMap<string, bigint> {
    return this.balances;
  }

  get isFailed(): boolean {
    return this.failure !== null;
  }

  /** Checks the next run of blocks; returns false once the chain has failed (later calls do nothing). */
  async addBlocks(run: readonly AuditBlock[], verifyBatch: BatchVerifier): Promise<boolean> {
    if (this.failure !== null) return false;
    if (this.earlierTxIds !== null && run.length > 0) {
      this.seenTxIds.clear();
      const txIds = run.flatMap((item) => item.transactions.map(({ txId }) => txId));
      this.recordedBelowRun = await this.earlierTxIds(txIds, run[0]!.block.header.height);
    }
    const accepted: { item: AuditBlock; checks: SignatureCheck[] }[] = [];
    let structuralFailure: AuditFailure | null = null;
    for (const item of run) {
      const signedBytes = item.transactions.map(({ tx }) => digestTransaction(tx));
      const reason = this.checkStructure(item, signedBytes);
      if (reason !== null) {
        structuralFailure = { height: item.block.header.height, reason };
        break;
      }
      accepted.push({ item, checks: this.signatureChecks(item, signedBytes) });
      this.previous = item.block;
    }
    const checks = accepted.flatMap((entry) => entry.checks);
    const verdicts = await verifyBatch(checks);
    // A verifier that answers short would let unchecked signatures pass: that is a bug, not a verdict.
    if (verdicts.length !== checks.length)
      throw new Error("the batch verifier answered a different number of verdicts");
    let offset = 0;
    for (const { item, checks } of accepted) {
      const blockVerdicts = verdicts.slice(offset, offset + checks.length);
      offset += checks.length;
      const badIndex = blockVerdicts.findIndex((isValid) => !isValid);
      if (badIndex !== -1) {
        const reason =
          badIndex === 0
            ? "the node's signature over the block header does not verify"
            : `transaction ${item.transactions[badIndex - 1]!.leafIndex} has a signature that does not verify`;
        this.failure = { height: item.block.header.height, reason };
        return false;
      }
      this.blockCount += 1;
      this.transactionCount += item.transactions.length;
      this.goodHeight = item.block.header.height;
    }
    this.failure = structuralFailure;
    return this.failure === null;
  }

  private signatureChecks({ block, transactions }: AuditBlock, digests: readonly Digest[]): SignatureCheck[] {
    return [
      { publicKey: this.nodePublicKey, message: canonicalBytes(block.header), signature: block.signature },
      ...transactions.map(({ tx, signature }, index) => ({
        publicKey: tx.from,
        message: digests[index]!.bytes,
        signature,
      })),
    ];
  }

  private checkStructure({ block, transactions }: AuditBlock, digests: readonly Digest[]): string | null {
    const { header } = block;
    if (header.version !== blockVersion) return `unknown block version ${String(header.version)}`;
    if (!hex64Pattern.test(block.hash) || !hex128Pattern.test(block.signature)) return "malformed hash or signature";
    if (computeBlockHash(header) !== block.hash) return "the block hash does not match its header";
    const link = linkProblem(this.previous, header);
    if (link !== null) return link;
    this.chainId ??= header.chainId;
    if (header.chainId !== this.chainId) return "the block names another chain";
    if (!isIsoTimestamp(header.timestamp)) return "the block timestamp is malformed";
    // The node never runs block time backwards (makeNextBlock), so a chain whose times do was not sealed by it.
    if (this.previous !== null && Date.parse(header.timestamp) < Date.parse(this.previous.header.timestamp))
      return "the block timestamp is before the previous block's";
    const isGenesis = header.height === 0;
    if (isGenesis ? transactions.length !== 0 : transactions.length < 1 || transactions.length > blockTransactionsMax) {
      return `a block cannot hold ${transactions.length} transactions`;
    }
    if (header.txCount !== transactions.length) return "txCount does not match the block's transactions";
    const txIdsInBlock = new Set<string>();
    for (const [position, { txId, tx, leafIndex }] of transactions.entries()) {
      if (leafIndex !== position) return `transaction ${position} is stored at leaf ${leafIndex}`;
      const problem = this.transactionProblem(tx, txId, digests[position]!.txId, header);
      if (problem !== null) return `transaction ${position}: ${problem}`;
      if (txIdsInBlock.has(txId)) return `transaction ${position}: it appears twice in this block`;
      txIdsInBlock.add(txId);
    }
    if (computeMerkleRoot(transactions.map((item) => item.txId)) !== header.merkleRoot) {
      return "the Merkle root does not match the block's transactions";
    }
    for (const [position, { txId, tx }] of transactions.entries()) {
      const problem = applyTransaction(this.balances, tx);
      if (problem !== null)
        return `transaction ${position}: ${problem === "insufficient_funds" ? "overdraws its payer" : "overflows a balance"}`;
      this.seenTxIds.add(txId);
    }
    return null;
  }

  private transactionProblem(tx: Transaction, txId: string, computedTxId: string, header: BlockHeader): string | null {
    const { chainId } = header;
    if (computedTxId !== txId) return "its txId is not the hash of its contents";
    if (this.seenTxIds.has(txId) || this.recordedBelowRun.has(txId))
      return "it was already recorded in an earlier block";
    if (tx.chainId !== chainId) return "it names another chain";
    if (!isAmountString(tx.amount)) return "its amount is malformed";
    // The same account rule as the node's at submission (accountKeyProblem): a key that does not decode to a curve
    // point, or decodes to a weak one, is no account, whichever store it came from.
    if (!isAccountKey(tx.from) || !isAccountKey(tx.to) || tx.from === tx.to) return "its accounts are malformed";
    if (tx.type === "mint" && tx.from !== this.nodePublicKey) return "a mint not made by the node";
    if (tx.type !== "mint" && tx.type !== "payment") return "its type is unknown";
    if (!isIsoTimestamp(tx.timestamp)) return "its timestamp is malformed";
    // The node takes a transaction only within the skew of its clock and seals it at once (PROTOCOL.md).
    if (!isTimestampFresh(tx.timestamp, Date.parse(header.timestamp)))
      return `its timestamp is more than ${timestampSkewMaxMs / 60_000} minutes from its block's`;
    if (tx.memo !== undefined && memoProblem(tx.memo) !== null) return "its memo breaks the memo rules";
    return null;
  }
}
