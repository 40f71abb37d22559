// The node's witnessed log as the node carries it: its identity and policy, its records, and on the node that
// seals, the cosigning loop, started once when the node is assembled (never per request, never on a follower).
import "server-only";
import type { NodeKey } from "../../crypto/ed25519";
import type { LedgerReader } from "../../db/ledger-store";
import { logRecords, type LogRecords } from "../../db/records/log-records";
import type { NodeConfig } from "../node/env";
import { CosigningLoop } from "./cosigning-loop";
import { checkpointSignerOf, loadNodeLog, type NodeLog } from "./node-log";

export type NodeLogService = NodeLog & { records: LogRecords; cosigning: CosigningLoop | null };

export function openNodeLog(
  config: NodeConfig,
  chainId: string,
  nodePublicKeyHex: string,
  store: LedgerReader,
  nodeKey: NodeKey | null,
): NodeLogService {
  const log = loadNodeLog(config, chainId, nodePublicKeyHex);
  const records = logRecords(config.databaseUrl, config.postgresTimeouts);
  if (nodeKey === null) return { ...log, records, cosigning: null };
  const cosigning = new CosigningLoop({
    store,
    records,
    log,
    signer: checkpointSignerOf(log, nodeKey),
    intervalMs: config.log.cosignIntervalMs,
  });
  cosigning.start();
  return { ...log, records, cosigning };
}
