// Prepares a follower to be a witness (`npm run follow -- <url> --witness`): its key (made on the first start),
// its key name, the vkey file, and the origin it witnesses, pinned at the first start from the node's
// GET /api/node (`log.origin`, or `chainpay/<chainId>` from a node that announces none).
import "server-only";
import { z } from "zod";
import { defaultOrigin, isValidOrigin } from "../../ledger/log/checkpoint";
import type { LedgerStore } from "../../db/ledger-store";
import type { NodeApi } from "../../verifier/node-api";
import { defaultWitnessName, loadOrCreateWitnessKey, witnessIdentity, writeWitnessVkey } from "./witness-key";
import { witnessOriginSetting } from "./witness-settings";

/** The most of GET /api/node's answer read for its origin. */
const nodeInfoBytesMax = 64 * 1024;

const nodeLogSchema = z.object({
  chainId: z.string(),
  log: z.object({ origin: z.string() }).optional(),
});

export type PreparedWitness = { name: string; vkey: string; origin: string; isNewKey: boolean };

export async function prepareWitness(
  dataDir: string,
  store: LedgerStore,
  api: NodeApi,
  requestedName: string | undefined,
): Promise<PreparedWitness> {
  const { key, isNew } = loadOrCreateWitnessKey(dataDir);
  const name = requestedName ?? defaultWitnessName(key.publicKeyHex);
  let origin = await store.readSetting(witnessOriginSetting);
  if (origin === null) {
    const info = await api.json("/api/node", nodeLogSchema, nodeInfoBytesMax);
    origin = info.log?.origin ?? defaultOrigin(info.chainId);
    if (!isValidOrigin(origin))
      throw new Error(`The node announces the log origin ${JSON.stringify(origin)}, which is not valid.`);
    await store.writeSetting(witnessOriginSetting, origin);
  }
  const { vkey } = witnessIdentity(name, key).verifierKey;
  writeWitnessVkey(dataDir, vkey);
  return { name, vkey, origin, isNewKey: isNew };
}
