// The independent verifier: audits a running node through its public API alone, trusting nothing but the
// node key. It uses the same ChainAuditor as the node's own audit, fed from HTTP instead of the database.
import { ChainAuditor, type AuditBlock, type AuditResult, type BatchVerifier } from "../ledger/audit";
import { headersLimitMax } from "../ledger/limits";
import type { SignedBlock, Transaction } from "../ledger/types";

export type VerifyNodeOptions = {
  baseUrl: string;
  /** The node key to trust; without it, the key the node announces is trusted on first use. */
  nodePublicKey?: string;
  verifyBatch: BatchVerifier;
  log?: (line: string) => void;
  fetchImpl?: typeof fetch;
};

export type VerifyNodeReport = AuditResult & { nodePublicKey: string; chainId: string; problems: string[] };

type NodeInfo = { chainId: string; nodePublicKey: string; head: SignedBlock };
type BlockBody = { block: SignedBlock; transactions: { txId: string; tx: Transaction; signature: string; leafIndex: number }[] };

const blocksFetchedAtOnce = 8;
const accountsFetchedAtOnce = 8;

export async function verifyNode(options: VerifyNodeOptions): Promise<VerifyNodeReport> {
  const fetchJson = async <T>(path: string): Promise<T> => {
    const response = await (options.fetchImpl ?? fetch)(new URL(path, options.baseUrl));
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
    return (await response.json()) as T;
  };
  const log = options.log ?? (() => {});
  const info = await fetchJson<NodeInfo>("/api/node");
  const problems: string[] = [];
  const nodePublicKey = options.nodePublicKey ?? info.nodePublicKey;
  if (info.nodePublicKey !== nodePublicKey) {
    problems.push(`the node announces key ${info.nodePublicKey}, not the trusted ${nodePublicKey}`);
  }
  const auditor = new ChainAuditor(nodePublicKey);
  const headHeight = info.head.header.height;
  log(`node ${options.baseUrl}: chain ${info.chainId}, head ${headHeight}, key ${nodePublicKey}`);

  for (let from = 0; from <= headHeight && !auditor.isFailed; from += headersLimitMax) {
    const { blocks } = await fetchJson<{ blocks: SignedBlock[] }>(`/api/headers?from=${from}&limit=${headersLimitMax}`);
    if (blocks.length === 0) break;
    const run: AuditBlock[] = [];
    for (let index = 0; index < blocks.length; index += blocksFetchedAtOnce) {
      const slice = blocks.slice(index, index + blocksFetchedAtOnce);
      const bodies = await Promise.all(
        slice.map((block) =>
          block.header.txCount === 0
            ? Promise.resolve<BlockBody>({ block, transactions: [] })
            : fetchJson<BlockBody>(`/api/blocks/${block.header.height}`),
        ),
      );
      for (const [position, body] of bodies.entries()) {
        // The header list and the block route must agree; the auditor then checks the block itself.
        if (body.block.hash !== slice[position]!.hash) problems.push(`block ${slice[position]!.header.height} differs between /api/headers and /api/blocks`);
        run.push({ block: body.block, transactions: body.transactions });
      }
    }
    await auditor.addBlocks(run, options.verifyBatch);
    log(`checked up to height ${Math.min(from + blocks.length - 1, headHeight)} of ${headHeight}`);
  }

  const result = auditor.result;
  if (result.ok && result.height !== headHeight) problems.push(`the chain ends at ${result.height}, the node's head is ${headHeight}`);
  if (result.ok) problems.push(...(await compareBalances(fetchJson, auditor.replayedBalances)));
  return { ...result, ok: result.ok && problems.length === 0, nodePublicKey, chainId: info.chainId, problems };
}

/** Every account's balance as the node reports it must be what the verified transactions add up to. */
async function compareBalances(
  fetchJson: <T>(path: string) => Promise<T>,
  replayed: ReadonlyMap<string, bigint>,
): Promise<string[]> {
  const problems: string[] = [];
  const accounts = [...replayed.keys()];
  for (let index = 0; index < accounts.length; index += accountsFetchedAtOnce) {
    const slice = accounts.slice(index, index + accountsFetchedAtOnce);
    const bodies = await Promise.all(slice.map((account) => fetchJson<{ balance: string }>(`/api/accounts/${account}?limit=1`)));
    for (const [position, body] of bodies.entries()) {
      const account = slice[position]!;
      const expected = replayed.get(account)!.toString();
      if (body.balance !== expected) problems.push(`account ${account} shows balance ${body.balance}, its transactions add up to ${expected}`);
    }
  }
  return problems;
}

