// GET /api/admin/audit: re-verify the stored chain from genesis, with the same auditor an outside verifier uses,
// then check that the stored balances are the ones the transactions replay to.
import "server-only";
import { ChainAuditor, type AuditResult } from "../ledger/audit";
import { sqliteFilePath } from "./env";
import type { LedgerNode } from "./node";
import { openSqlite, SqliteLedgerStore } from "./sqlite-store";
import { getVerifyPool } from "./verify-pool";

const blocksPerRun = 256;

export async function auditChain(
  node: LedgerNode,
  onProgress?: (checkedHeight: number, headHeight: number) => void,
): Promise<AuditResult> {
  // Its own connection in one read transaction: a snapshot, so blocks sealed meanwhile do not disturb the
  // comparison of replayed and stored balances.
  const database = openSqlite(sqliteFilePath(node.config.databaseUrl), { readonly: true });
  try {
    database.exec("BEGIN");
    const snapshot = new SqliteLedgerStore(database);
    return await auditStore(snapshot, node.nodeKey.publicKeyHex, onProgress);
  } finally {
    database.exec("ROLLBACK");
    database.close();
  }
}

async function auditStore(
  store: SqliteLedgerStore,
  nodePublicKey: string,
  onProgress?: (checkedHeight: number, headHeight: number) => void,
): Promise<AuditResult> {
  const auditor = new ChainAuditor(nodePublicKey);
  const headHeight = store.head()?.header.height ?? -1;
  const pool = getVerifyPool();
  for (let height = 0; height <= headHeight; height += blocksPerRun) {
    const run = store.blocksWithTransactions(height, Math.min(blocksPerRun, headHeight - height + 1));
    if (!(await auditor.addBlocks(run, (checks) => pool.verify(checks)))) break;
    onProgress?.(Math.min(height + blocksPerRun - 1, headHeight), headHeight);
  }
  const result = auditor.result;
  if (!result.ok) return result;
  const mismatch = store.firstBalanceMismatch(auditor.replayedBalances);
  if (mismatch === null) return result;
  return {
    ...result,
    ok: false,
    firstBad: { height: result.height, reason: `the stored balance of account ${mismatch} is not what its transactions add up to` },
  };
}
