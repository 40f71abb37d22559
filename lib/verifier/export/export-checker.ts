// The checks of an export, fed member by member and item by item by the ObjectStreamReader: headers (hash,
// signature, links), receipts (verifyReceipt, each against its header, in chain order), an account statement's
// running balance, a block range's completeness, and the document's own fields and its signed summary
// (summary-checks.ts) once everything is read.
import type { BatchVerifier, SignatureCheck } from "../../ledger/audit";
import { balanceChangeOf } from "../../ledger/balances";
import { linkProblem } from "../../ledger/block";
import { canonicalBytes } from "../../ledger/canonical";
import { verifyWithWebCrypto, type SignatureVerifier } from "../../ledger/ed25519";
import { computeBlockHash } from "../../ledger/hash";
import { hex64Pattern } from "../../ledger/hex";
import { balancePattern, blockVersion } from "../../ledger/limits";
import { verifyReceipt } from "../../ledger/receipt";
import type { Receipt, SignedBlock } from "../../ledger/types";
import { receiptSchema, signedBlockSchema } from "../../validations/block";
import { exportFormatName, exportSummarySchema, exportVersion } from "../../validations/export";
import { describeIssue } from "../../validations/issues";
import type { ReaderEvents } from "./object-stream-reader";
import { TxIdDigest } from "./statement-summary";
import { summaryProblems } from "./summary-checks";
import { VerdictCache } from "./verdict-cache";

export type VerifyExportOptions = {
  /** The node key to trust, given out of band: an export's own nodePublicKey field proves nothing. */
  nodePublicKey: string;
  /** Verifies signatures many at a time (the CLI spreads them over every core). */
  verifyBatch: BatchVerifier;
  log?: (line: string) => void;
};

export type VerifyExportReport = {
  ok: boolean;
  kind: "account" | "blocks" | null;
  chainId: string | null;
  receipts: number;
  headers: number;
  /** An account statement's account and the balance its receipts add up to. */
  account: string | null;
  balance: string | null;
  /** A block export's range. */
  from: number | null;
  to: number | null;
  /** The head block the node's signed summary names: the state of the chain the export shows. */
  head: { height: number; hash: string } | null;
  /** What failed, in the order found; long lists end with how many more there were. */
  problems: string[];
};

// Signatures are verified this many at a time: enough to keep every core busy, few enough to hold in memory.
const receiptsPerRun = 4096;
const headersPerRun = 1024;
const problemsShownMax = 20;
const progressIntervalMs = 2000;

class Problems {
  readonly shown: string[] = [];
  count = 0;

  add(problem: string): void {
    this.count += 1;
    if (this.shown.length < problemsShownMax) this.shown.push(problem);
  }

  list(): string[] {
    const hidden = this.count - this.shown.length;
    return hidden === 0 ? [...this.shown] : [...this.shown, `… and ${hidden} more problems`];
  }
}

type Position = { height: number; leafIndex: number };

/** A run of receipts whose shapes are checked and whose transaction signatures are being verified. */
type PreparedRun = {
  receipts: { index: number; receipt: Receipt }[];
  shapeProblems: string[];
  checks: SignatureCheck[];
  verdicts: Promise<boolean[]>;
};

export class ExportChecker implements ReaderEvents {
  readonly problems = new Problems();
  private readonly trustedKey: string;
  private readonly verifyBatch: BatchVerifier;
  private readonly log: (line: string) => void;
  private readonly fields = new Map<string, unknown>();
  private readonly listsEnded = new Set<string>();
  private pendingHeaders: unknown[] = [];
  private pendingReceipts: unknown[] = [];
  /** The run whose signatures the workers verify while this thread checks the run before it. */
  private runInFlight: PreparedRun | null = null;
  private readonly headersByHeight = new Map<number, SignedBlock>();
  private readonly headerVerdicts = new VerdictCache();
  private previousHeader: SignedBlock | null = null;
  private headerChainId: string | null = null;
  private headerCount = 0;
  private receiptCount = 0;
  private lastPosition: Position | null = null;
  private readonly receiptsPerHeight = new Map<number, number>();
  /** The txIds of the receipts in the order listed, for the signed summary's txIdsHash. */
  private readonly txIds = new TxIdDigest();
  private balanceMinor = 0n;
  private hasBalanceGoneNegative = false;
  private lastProgressMs = Date.now();

  constructor(options: VerifyExportOptions) {
    this.trustedKey = options.nodePublicKey;
    this.verifyBatch = options.verifyBatch;
    this.log = options.log ?? (() => {});
  }

  field(key: string, value: unknown): void {
    if (this.fields.has(key) || this.listsEnded.has(key)) this.problems.add(`the export has the field ${key} twice`);
    this.fields.set(key, value);
    // Said first, since every signature check after it fails for the same reason.
    if (key === "nodePublicKey" && value !== this.trustedKey) {
      this.problems.add(`the export names node key ${String(value)}, not the trusted key ${this.trustedKey}`);
    }
  }

  item(list: string, value: unknown): void {
    (list === "headers" ? this.pendingHeaders : this.pendingReceipts).push(value);
  }

  listEnd(list: string): void {
    if (this.fields.has(list) || this.listsEnded.has(list)) this.problems.add(`the export has the field ${list} twice`);
    this.listsEnded.add(list);
  }

  /** Checks what has been read so far; receipts wait until every header (and the account) is known. */
  async drain(isFinal: boolean): Promise<void> {
    const isHeadersEnded = this.listsEnded.has("headers") || isFinal;
    if (this.pendingHeaders.length >= headersPerRun || (isHeadersEnded && this.pendingHeaders.length > 0)) {
      await this.checkHeaders(this.pendingHeaders);
      this.pendingHeaders = [];
    }
    const isAccountKnown = this.fields.get("kind") !== "account" || this.fields.has("account");
    if (!isFinal && !(isHeadersEnded && this.fields.has("kind") && isAccountKnown)) return;
    while (this.pendingReceipts.length >= receiptsPerRun || (isFinal && this.pendingReceipts.length > 0)) {
      const next = this.prepareRun(this.pendingReceipts.splice(0, receiptsPerRun));
      if (this.runInFlight !== null) await this.checkRun(this.runInFlight);
      this.runInFlight = next;
    }
    if (isFinal && this.runInFlight !== null) {
      await this.checkRun(this.runInFlight);
      this.runInFlight = null;
    }
  }

  private async checkHeaders(items: readonly unknown[]): Promise<void> {
    const checks: { label: string; check: SignatureCheck }[] = [];
    for (const item of items) {
      const index = this.headerCount++;
      const parsed = signedBlockSchema.safeParse(item);
      if (!parsed.success) {
        this.problems.add(`header ${index}: ${describeIssue(parsed.error.issues)}`);
        continue;
      }
      const block = parsed.data;
      const { header } = block;
      const label = `header at height ${header.height}`;
      const previous = this.previousHeader;
      if (previous !== null && header.height <= previous.header.height) {
        this.problems.add(
          `${label}: headers must be in ascending order of height, once each, and it follows ${previous.header.height}`,
        );
        continue;
      }
      if (header.version !== blockVersion) this.problems.add(`${label}: unknown block version ${header.version}`);
      if (computeBlockHash(header) !== block.hash)
        this.problems.add(`${label}: its hash is not the SHA-256 of the header`);
      // Links can only be checked where the export holds both blocks: always in a block range, sparsely in a statement.
      const link =
        header.height === 0
          ? linkProblem(null, header)
          : previous?.header.height === header.height - 1
            ? linkProblem(previous, header)
            : null;
      if (link !== null) this.problems.add(`${label}: ${link}`);
      this.headerChainId ??= header.chainId;
      if (header.chainId !== this.headerChainId)
        this.problems.add(`${label}: it names chain ${header.chainId}, not ${this.headerChainId}`);
      this.headersByHeight.set(header.height, block);
      this.previousHeader = block;
      checks.push({
        label,
        check: { publicKey: this.trustedKey, message: canonicalBytes(header), signature: block.signature },
      });
    }
    const verdicts = await this.verifyAll(checks.map((entry) => entry.check));
    for (const [index, { label, check }] of checks.entries()) {
      this.headerVerdicts.add(check, verdicts[index]!);
      if (!verdicts[index])
        this.problems.add(`${label}: the node's signature over it does not verify against the trusted key`);
    }
  }

  /**
   * Checks a run's shapes and starts verifying its transactions' signatures on the workers, not waiting for
   * them. The signer is the one verifyReceipt checks: the node for a mint, the payer for a payment.
   */
  private prepareRun(items: readonly unknown[]): PreparedRun {
    const run: PreparedRun = { receipts: [], shapeProblems: [], checks: [], verdicts: Promise.resolve([]) };
    for (const item of items) {
      const index = this.receiptCount++;
      const parsed = receiptSchema.safeParse(item);
      if (parsed.success) run.receipts.push({ index, receipt: parsed.data });
      else run.shapeProblems.push(`receipt ${index}: ${describeIssue(parsed.error.issues)}`);
    }
    run.checks = run.receipts.map(({ receipt }) => ({
      publicKey: receipt.tx.type === "mint" ? this.trustedKey : receipt.tx.from,
      message: canonicalBytes(receipt.tx),
      signature: receipt.signature,
    }));
    run.verdicts = this.verifyAll(run.checks);
    // Awaited in checkRun; until then a failure must not count as unhandled.
    run.verdicts.catch(() => {});
    return run;
  }

  /** Checks every receipt of a prepared run in order, with verifyReceipt finding each signature's verdict ready. */
  private async checkRun(run: PreparedRun): Promise<void> {
    for (const problem of run.shapeProblems) this.problems.add(problem);
    const verdicts = await run.verdicts;
    const transactionVerdicts = new VerdictCache();
    for (const [index, check] of run.checks.entries()) transactionVerdicts.add(check, verdicts[index]!);
    const verify: SignatureVerifier = (publicKey, message, signature) =>
      this.headerVerdicts.lookup(publicKey, message, signature) ??
      transactionVerdicts.lookup(publicKey, message, signature) ??
      verifyWithWebCrypto(publicKey, message, signature);
    for (const { index, receipt } of run.receipts) await this.checkReceipt(index, receipt, verify);
    if (Date.now() - this.lastProgressMs >= progressIntervalMs) {
      this.lastProgressMs = Date.now();
      this.log(`checked ${this.receiptCount} receipts`);
    }
  }

  private async checkReceipt(index: number, receipt: Receipt, verify: SignatureVerifier): Promise<void> {
    const label = `receipt ${index} (txId ${receipt.txId})`;
    this.txIds.add(receipt.txId);
    const verification = await verifyReceipt(receipt, this.trustedKey, verify);
    for (const check of verification.checks) if (!check.ok) this.problems.add(`${label}: fails "${check.name}"`);
    const { height } = receipt.block.header;
    const header = this.headersByHeight.get(height);
    // verifyReceipt checked that the receipt's hash is its header's: equal hashes are equal headers.
    if (header === undefined) this.problems.add(`${label}: the export's headers hold no block at height ${height}`);
    else if (header.hash !== receipt.block.hash || header.signature !== receipt.block.signature) {
      this.problems.add(`${label}: its block is not the export's header at height ${height}`);
    }
    const position = { height, leafIndex: receipt.proof.leafIndex };
    const last = this.lastPosition;
    if (last !== null && (height < last.height || (height === last.height && position.leafIndex <= last.leafIndex))) {
      this.problems.add(
        `${label}: receipts must be in chain order, once each, and it follows block ${last.height} leaf ${last.leafIndex}`,
      );
    }
    this.lastPosition = position;
    this.receiptsPerHeight.set(height, (this.receiptsPerHeight.get(height) ?? 0) + 1);
    if (this.fields.get("kind") === "account") this.addToBalance(label, receipt);
  }

  /** A statement's running balance: a payment moves money from its payer, a mint only credits its payee. */
  private addToBalance(label: string, receipt: Receipt): void {
    const account = this.fields.get("account");
    const { tx } = receipt;
    if (tx.to !== account && tx.from !== account) {
      this.problems.add(`${label}: its transaction neither pays nor credits the account`);
      return;
    }
    this.balanceMinor += balanceChangeOf(account, tx);
    if (this.balanceMinor < 0n && !this.hasBalanceGoneNegative) {
      this.hasBalanceGoneNegative = true;
      this.problems.add(`${label}: the balance would go below zero here, so a credit before it is missing`);
    }
  }

  private async verifyAll(checks: SignatureCheck[]): Promise<boolean[]> {
    if (checks.length === 0) return [];
    const verdicts = await this.verifyBatch(checks);
    // A verifier that answers short would let unchecked signatures pass: that is a bug, not a verdict.
    if (verdicts.length !== checks.length)
      throw new Error("the batch verifier answered a different number of verdicts");
    return verdicts;
  }

  /** The checks of the document as a whole, once everything in it has been read. */
  async finish(): Promise<VerifyExportReport> {
    const field = (key: string) => this.fields.get(key);
    if (field("format") !== exportFormatName || field("version") !== exportVersion) {
      this.problems.add(`this is not a ${exportFormatName} version ${exportVersion} file`);
    }
    if (!this.fields.has("nodePublicKey")) this.problems.add("the export names no node key");
    const chainId = field("chainId");
    if (typeof chainId !== "string") this.problems.add("the export names no chain");
    else if (this.headerChainId !== null && this.headerChainId !== chainId) {
      this.problems.add(`the export names chain ${chainId}, its headers chain ${this.headerChainId}`);
    }
    for (const list of ["headers", "receipts"]) {
      if (!this.listsEnded.has(list)) this.problems.add(`the export's ${list} is missing or not a list`);
    }
    const kind = field("kind");
    if (kind === "account") this.finishAccount();
    else if (kind === "blocks") this.finishBlocks();
    else this.problems.add("the export's kind is neither account nor blocks");
    const evidence = {
      fields: this.fields,
      trustedKey: this.trustedKey,
      receiptCount: this.receiptCount,
      txIdsHash: this.txIds.hex(),
      headersByHeight: this.headersByHeight,
    };
    for (const problem of await summaryProblems(evidence, (checks) => this.verifyAll(checks)))
      this.problems.add(problem);
    return this.report();
  }

  private finishAccount(): void {
    const account = this.fields.get("account");
    if (typeof account !== "string" || !hex64Pattern.test(account))
      this.problems.add("the statement's account is not an account key");
    const balance = this.fields.get("balance");
    if (typeof balance !== "string" || !balancePattern.test(balance)) {
      this.problems.add("the statement's balance is not a decimal string of minor units");
    } else if (BigInt(balance) !== this.balanceMinor) {
      this.problems.add(`the receipts add up to a balance of ${this.balanceMinor}, but the statement says ${balance}`);
    }
  }

  /** A block range holds every block from `from` to `to`, each with every one of its transactions. */
  private finishBlocks(): void {
    const from = this.fields.get("from");
    const to = this.fields.get("to");
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || (from as number) > (to as number)) {
      this.problems.add("the export's block range (from, to) is malformed");
      return;
    }
    for (let height = from as number; height <= (to as number); height++) {
      const header = this.headersByHeight.get(height);
      const count = this.receiptsPerHeight.get(height) ?? 0;
      if (header === undefined)
        this.problems.add(`the export's headers hold no block at height ${height}, inside its range`);
      else if (count !== header.header.txCount) {
        this.problems.add(`block ${height}: the export holds ${count} of its ${header.header.txCount} transactions`);
      }
    }
    for (const height of this.headersByHeight.keys()) {
      if (height < (from as number) || height > (to as number))
        this.problems.add(`header at height ${height}: outside the export's range`);
    }
  }

  report(): VerifyExportReport {
    const kind = this.fields.get("kind");
    const text = (key: string) => {
      const value = this.fields.get(key);
      return typeof value === "string" ? value : null;
    };
    const integer = (key: string) => {
      const value = this.fields.get(key);
      return Number.isSafeInteger(value) ? (value as number) : null;
    };
    return {
      ok: this.problems.count === 0,
      kind: kind === "account" || kind === "blocks" ? kind : null,
      chainId: text("chainId"),
      receipts: this.receiptCount,
      headers: this.headerCount,
      account: kind === "account" ? text("account") : null,
      balance: kind === "account" ? this.balanceMinor.toString() : null,
      from: kind === "blocks" ? integer("from") : null,
      to: kind === "blocks" ? integer("to") : null,
      head: exportSummarySchema.safeParse(this.fields.get("summary")).data?.head ?? null,
      problems: this.problems.list(),
    };
  }
}
