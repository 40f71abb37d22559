// Prepares a data directory: creates it, applies the checked-in migrations, makes the node key, genesis and
// the admin's credentials.
// All of it is idempotent and safe for two processes at once. Run by `npm start` before the server starts
// (the server only opens what this made, so that its bundle does not carry the migration files).
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { makeGenesisHeader } from "../../ledger/block";
import { canonicalBytes } from "../../ledger/canonical";
import { computeBlockHash } from "../../ledger/hash";
import type { BlockHeader, SignedBlock } from "../../ledger/types";
import { defaultChainId, type NodeConfig } from "./env";
import {
  generateNodeKeyPem,
  nodeKeyFromPem,
  signWithNodeCrypto,
  verifyWithNodeCryptoSync,
  type NodeKey,
} from "../../crypto/ed25519";
import { prepareAdminCredentials } from "../admin/admin-credentials";
import type { LedgerStore } from "../../db/ledger-store";
import { openStore } from "../../db/open-store";
import { redactDatabaseUrl } from "../../db/database-url";

export function loadOrCreateNodeKey(dataDir: string): NodeKey {
  const keyFile = path.join(dataDir, "node-key.pem");
  if (!existsSync(keyFile)) {
    // "wx" refuses to overwrite: two processes starting together keep whichever key was written first.
    try {
      writeFileSync(keyFile, generateNodeKeyPem(), { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as { code?: string }).code !== "EEXIST") throw error;
    }
  }
  chmodSync(keyFile, 0o600);
  return nodeKeyFromPem(readFileSync(keyFile, "utf8"));
}

export type PreparedNode = {
  /** Open: the caller closes it. */
  store: LedgerStore;
  nodeKey: NodeKey;
  genesis: SignedBlock;
  /** The admin password this call made, to be shown once; null when it existed already or ADMIN_PASSWORD is set. */
  newAdminPassword: string | null;
};

/**
 * Creates the data directory, applies migrations, loads the node key, makes genesis and the admin's
 * credentials: all idempotent.
 */
export async function prepareNode(config: NodeConfig): Promise<PreparedNode> {
  mkdirSync(config.dataDir, { recursive: true });
  const nodeKey = loadOrCreateNodeKey(config.dataDir);
  const store = await openStore(config.databaseUrl, {
    migrate: true,
    serve: false,
    postgresTimeouts: config.postgresTimeouts,
  });
  try {
    const signHeader = (header: BlockHeader) => signWithNodeCrypto(nodeKey.privateKey, canonicalBytes(header));
    await store.ensureGenesis(() => {
      const header = makeGenesisHeader(config.chainIdRequested ?? defaultChainId, new Date().toISOString());
      return { header, hash: computeBlockHash(header), signature: signHeader(header) };
    });
    const where = redactDatabaseUrl(config.databaseUrl);
    const genesis = await store.blockAt(0);
    if (genesis === null) throw new Error(`The chain in ${where} has no genesis block.`);
    if (config.chainIdRequested !== undefined && config.chainIdRequested !== genesis.header.chainId) {
      throw new Error(
        `CHAIN_ID is ${config.chainIdRequested}, but the chain in ${where} is ${genesis.header.chainId}. ` +
          "Use another DATA_DIR (or DATABASE_URL) for another chain.",
      );
    }
    if (!verifyWithNodeCryptoSync(nodeKey.publicKeyHex, canonicalBytes(genesis.header), genesis.signature)) {
      throw new Error(
        `The node key in ${config.dataDir} did not sign the genesis block in ${where}: ` +
          "every instance of one node needs the same node-key.pem.",
      );
    }
    // Last, so that a start refused above never makes a password whose only showing would be lost.
    const { newAdminPassword } = prepareAdminCredentials(config);
    return { store, nodeKey, genesis, newAdminPassword };
  } catch (error) {
    await store.close();
    throw error;
  }
}
