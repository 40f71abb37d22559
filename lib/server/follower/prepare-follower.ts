// Prepares a follower's data directory: the replica's database (migrated like a node's), the key it pins, and
// the admin's credentials for its explorer. Run by `npm run follow` before the first sync.
import { mkdirSync } from "node:fs";
import type { NodeApi } from "../../verifier/node-api";
import { prepareAdminCredentials } from "../admin/admin-credentials";
import { endSessionsIfPasswordChanged } from "../admin/session-generation";
import type { NodeConfig } from "../node/env";
import { followedNodeKeySetting, followedUrlSetting } from "./follow-settings";
import type { LedgerStore } from "../../db/ledger-store";
import { openStore } from "../../db/open-store";

export type PreparedFollower = {
  /** Open: the caller closes it. */
  store: LedgerStore;
  /** The followed node's key: pinned on the first start (from --node-key, or as the node announces it). */
  nodePublicKey: string;
  isNewPin: boolean;
  newAdminPassword: string | null;
};

export async function prepareFollower(
  config: NodeConfig,
  api: NodeApi,
  trustedKey: string | undefined,
): Promise<PreparedFollower> {
  mkdirSync(config.dataDir, { recursive: true });
  const store = await openStore(config.databaseUrl, {
    migrate: true,
    serve: false,
    postgresTimeouts: config.postgresTimeouts,
  });
  try {
    const pinned = await store.readSetting(followedNodeKeySetting);
    if (pinned !== null && trustedKey !== undefined && trustedKey !== pinned) {
      throw new Error(
        `This replica follows the node with key ${pinned}, not ${trustedKey}: use another DATA_DIR for another node.`,
      );
    }
    const nodePublicKey = pinned ?? trustedKey ?? (await api.info()).nodePublicKey;
    if (pinned === null) await store.writeSetting(followedNodeKeySetting, nodePublicKey);
    await store.writeSetting(followedUrlSetting, api.baseUrl);
    const { newAdminPassword } = prepareAdminCredentials(config);
    await endSessionsIfPasswordChanged(store, config);
    return { store, nodePublicKey, isNewPin: pinned === null, newAdminPassword };
  } catch (error) {
    await store.close();
    throw error;
  }
}
