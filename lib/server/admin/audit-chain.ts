// GET /api/admin/audit: re-verify the stored chain from genesis, with the same auditor an outside verifier uses,
// and its stored Merkle trees, then check that the stored balances are the ones the transactions replay to.
import "server-only";
import { ChainAuditor, type AuditResult } from "../../ledger/audit";
import { auditStoredChain, type LedgerReader } from "../../db/ledger-store";
import type { LedgerNode } from "../node/context";
import { getVerifyPool, verifyThreadsFor } from "../../crypto/verify-pool";
import { openLimitedSnapshot } from "../export/snapshot-limits";

type AuditProgress = (checkedHeight: number, headHeight: number) => void;

/**
 * Opens the audit's snapshot, or refuses with `overloaded` past SNAPSHOTS_MAX (before any answer has gone out),
 * and returns the audit to run over it. One snapshot, so blocks sealed meanwhile do not disturb the comparison
 * of replayed and stored balances; held at most SNAPSHOT_SECONDS_MAX, past which the audit fails with that error.
 */
export async function startAudit(node: LedgerNode): Promise<(onProgress?: AuditProgress) => Promise<AuditResult>> {
  const { reader, release } = await openLimitedSnapshot(node, "audit");
  return async (onProgress) => {
    try {
      return await auditStore(reader, node.nodePublicKey, verifyThreadsFor(node.config.webConcurrency), onProgress);
    } finally {
      release();
    }
  };
}

export async function auditChain(node: LedgerNode, onProgress?: AuditProgress): Promise<AuditResult> {
  const runAudit = await startAudit(node);
  return await runAudit(onProgress);
}

async function auditStore(
  store: LedgerReader,
  nodePublicKey: string,
  verifyThreads: number,
  onProgress?: AuditProgress,
): Promise<AuditResult> {
  // The store answers for the txIds below each run: the audit's memory does not grow with the chain.
  const auditor = new ChainAuditor(nodePublicKey, { earlierTxIds: (txIds, height) => store.txIdsBelow(txIds, height) });
  const headHeight = (await store.head())?.header.height ?? -1;
  const pool = getVerifyPool(verifyThreads);
  const result = await auditStoredChain(store, auditor, headHeight, (checks) => pool.verify(checks), onProgress);
  if (!result.ok) return result;
  const mismatch = await store.firstBalanceMismatch(auditor.replayedBalances);
  if (mismatch === null) return result;
  return {
    ...result,
    ok: false,
    firstBad: {
      height: result.height,
      reason: `the stored balance of account ${mismatch} is not what its transactions add up to`,
    },
  };
}
