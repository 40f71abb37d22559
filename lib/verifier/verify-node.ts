// The independent verifier: audits a running node through its public API alone, trusting nothing but the
// node key. It uses the same ChainAuditor as the node's own audit, fed from HTTP instead of the database.
import { ChainAuditor, type AuditResult, type BatchVerifier } from "../ledger/audit";
import { headersLimitMax } from "../ledger/limits";
import { NodeApi, NodeApiError } from "./node-api";

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
};

export type VerifyNodeReport = AuditResult & { nodePublicKey: string; chainId: string; problems: string[] };

export async function verifyNode(options: VerifyNodeOptions): Promise<VerifyNodeReport> {
  const api = new NodeApi(options.baseUrl, options.fetchImpl);
  const log = options.log ?? (() => {});
  const info = await api.info();
  const problems: string[] = [];
  const nodePublicKey = options.nodePublicKey ?? info.nodePublicKey;
  if (info.nodePublicKey !== nodePublicKey) {
    problems.push(`the node announces key ${info.nodePublicKey}, not the trusted ${nodePublicKey}`);
  }
  const auditor = new ChainAuditor(nodePublicKey);
  const headHeight = info.head.header.height;
  log(`node ${options.baseUrl}: chain ${info.chainId}, head ${headHeight}, key ${nodePublicKey}`);

  try {
    for (let from = 0; from <= headHeight && !auditor.isFailed; from += headersLimitMax) {
      const headers = await api.headers(from);
      if (headers.length === 0) break;
      for (let index = 0; index < headers.length && !auditor.isFailed; index += blocksAuditedAtOnce) {
        await auditor.addBlocks(
          await api.blocksOf(headers.slice(index, index + blocksAuditedAtOnce)),
          options.verifyBatch,
        );
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
  return { ...result, ok: result.ok && problems.length === 0, nodePublicKey, chainId: info.chainId, problems };
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
