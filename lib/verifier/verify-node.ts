// The independent verifier: audits a running node through its public API alone, trusting nothing but the
// node key. It uses the same ChainAuditor as the node's own audit, fed from HTTP instead of the database.
import { ChainAuditor, type AuditResult, type BatchVerifier } from "../ledger/audit";
import { hexToBytes } from "../ledger/hex";
import { headersLimitMax } from "../ledger/limits";
import type { Policy } from "../ledger/log/policy";
import { NodeApi, NodeApiError } from "./node-api";
import { checkNodeCheckpoint, type NodeCheckpointReport } from "./witnessed/node-checkpoint";

const accountsFetchedAtOnce = 8;
/**
 * Blocks fetched whole and audited together. Not a page of headers (1,000): a page's blocks can hold a million
 * transactions, which a hostile node could fill to the last byte, and only this many blocks' bodies are ever held.
 */
const blocksAuditedAtOnce = 64;

export type VerifyNodeOptions = {
  baseUrl: string;
  /** The node key to trust; without it, the key the node announces is trusted on first use. */
  nodePublicKey?: string;
  verifyBatch: BatchVerifier;
  log?: (line: string) => void;
  fetchImpl?: typeof fetch;
  /** How long each request may take, its whole answer included (nodeApiTimeoutMs by default). */
  timeoutMs?: number;
  /** v2: also check that the node's newest checkpoint is witnessed under this policy and is the verified chain's. */
  policy?: Policy;
  /** The verifier's clock, for cosignature timestamps. */
  nowMs?: () => number;
};

export type VerifyNodeReport = AuditResult & {
  nodePublicKey: string;
  chainId: string;
  problems: string[];
  /** The checkpoint's checks when a policy was given and the chain verified; null otherwise. */
  checkpoint: NodeCheckpointReport | null;
};

export async function verifyNode(options: VerifyNodeOptions): Promise<VerifyNodeReport> {
  const api = new NodeApi(options.baseUrl, options.fetchImpl, options.timeoutMs);
  const log = options.log ?? (() => {});
  // The checkpoint is read before the head: the node signs no checkpoint beyond its head, so an honest node's
  // checkpoint is never larger than the chain this run then verifies, however fast blocks come.
  const note = options.policy === undefined ? null : await api.checkpoint();
  const info = await api.info();
  const problems: string[] = [];
  const nodePublicKey = options.nodePublicKey ?? info.nodePublicKey;
  if (info.nodePublicKey !== nodePublicKey) {
    problems.push(`the node announces key ${info.nodePublicKey}, not the trusted ${nodePublicKey}`);
  }
  const auditor = new ChainAuditor(nodePublicKey);
  const headHeight = info.head.header.height;
  const blockHashes: Uint8Array[] = [];
  const blockTimestamps: string[] = [];
  log(`node ${options.baseUrl}: chain ${info.chainId}, head ${headHeight}, key ${nodePublicKey}`);

  try {
    for (let from = 0; from <= headHeight && !auditor.isFailed; from += headersLimitMax) {
      const headers = await api.headers(from);
      if (headers.length === 0) break;
      for (let index = 0; index < headers.length && !auditor.isFailed; index += blocksAuditedAtOnce) {
        const run = headers.slice(index, index + blocksAuditedAtOnce);
        await auditor.addBlocks(await api.blocksOf(run), options.verifyBatch);
        // Only what the auditor verified becomes a leaf of the log this verifier computes.
        if (auditor.isFailed) break;
        for (const block of run) {
          if (block.header.height > headHeight) break;
          blockHashes.push(hexToBytes(block.hash));
          blockTimestamps.push(block.header.timestamp);
        }
      }
      log(`checked up to height ${Math.min(from + headers.length - 1, headHeight)} of ${headHeight}`);
    }
  } catch (error) {
    // What the node answered is not a chain: that fails the verification, it is not a network problem.
    if (!(error instanceof NodeApiError) || error.isUnavailable) throw error;
    problems.push(error.message);
  }

  const result = auditor.result;
  if (result.ok && problems.length === 0 && result.height !== headHeight)
    problems.push(`the chain ends at ${result.height}, the node's head is ${headHeight}`);
  if (result.ok && problems.length === 0) problems.push(...(await compareBalances(api, auditor.replayedBalances)));
  const isChainVerified = result.ok && problems.length === 0;
  const checkpoint =
    options.policy === undefined || !isChainVerified
      ? null
      : checkNodeCheckpoint(note, options.policy, { blockHashes, blockTimestamps }, (options.nowMs ?? Date.now)());
  const ok = isChainVerified && (checkpoint === null || checkpoint.ok);
  return { ...result, ok, nodePublicKey, chainId: info.chainId, problems, checkpoint };
}

/** Every account's balance as the node reports it must be what the verified transactions add up to. */
async function compareBalances(api: NodeApi, replayed: ReadonlyMap<string, bigint>): Promise<string[]> {
  const problems: string[] = [];
  const accounts = [...replayed.keys()];
  for (let index = 0; index < accounts.length; index += accountsFetchedAtOnce) {
    const slice = accounts.slice(index, index + accountsFetchedAtOnce);
    const balances = await Promise.all(slice.map((account) => api.balance(account)));
    for (const [position, balance] of balances.entries()) {
      const account = slice[position]!;
      const expected = replayed.get(account)!.toString();
      if (balance !== expected)
        problems.push(`account ${account} shows balance ${balance}, its transactions add up to ${expected}`);
    }
  }
  return problems;
}
