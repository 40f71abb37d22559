// GET /api/admin/audit: re-verify the stored chain from genesis, with the same auditor an outside verifier uses,
// and its stored Merkle trees, then check that the stored balances are the ones the transactions replay to.
import "server-only";
import { ChainAuditor, type AuditResult } from "../../ledger/audit";
import { auditStoredChain, type LedgerReader } from "../../db/ledger-store";
import type { LedgerNode } from "../node/context";
import { getVerifyPool } from "../../crypto/verify-pool";

export async function auditChain(
  node: LedgerNode,
  onProgress?: (checkedHeight: number, headHeight: number) => void,
): Promise<AuditResult> {
  // One snapshot, so blocks sealed meanwhile do not disturb the comparison of replayed and stored balances.
  const snapshot = await node.store.openSnapshot();
  try {
    return await auditStore(snapshot, node.nodePublicKey, onProgress);
  } finally {
    await snapshot.release();
  }
}

async function auditStore(
  store: LedgerReader,
  nodePublicKey: string,
  onProgress?: (checkedHeight: number, headHeight: number) => void,
): Promise<AuditResult> {
  const auditor = new ChainAuditor(nodePublicKey);
  const headHeight = (await store.head())?.header.height ?? -1;
  const pool = getVerifyPool();
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
