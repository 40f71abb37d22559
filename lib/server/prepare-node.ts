// Prepares a data directory: creates it, applies the checked-in migrations, makes the node key, genesis and
// the admin's credentials.
// All of it is idempotent and safe for two processes at once. Run by `npm start` before the server starts
// (the server only opens what this made, so that its bundle does not carry the migration files).
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { makeGenesisHeader } from "../ledger/block";
import { canonicalBytes } from "../ledger/canonical";
import { computeBlockHash } from "../ledger/hash";
import type { BlockHeader, SignedBlock } from "../ledger/types";
import { defaultChainId, sqliteFilePath, type NodeConfig } from "./env";
import { generateNodeKeyPem, nodeKeyFromPem, signWithNodeCrypto, verifyWithNodeCrypto, type NodeKey } from "./ed25519";
import { prepareAdminCredentials } from "./admin-credentials";
import { applyMigrations } from "./migrate";
import { openSqlite, SqliteLedgerStore } from "./sqlite-store";

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
  store: SqliteLedgerStore;
  nodeKey: NodeKey;
  genesis: SignedBlock;
  /** The admin password this call made, to be shown once; null when it existed already or ADMIN_PASSWORD is set. */
  newAdminPassword: string | null;
};

/**
 * Creates the data directory, applies migrations, loads the node key, makes genesis and the admin's
 * credentials: all idempotent.
 */
export function prepareNode(config: NodeConfig): PreparedNode {
  mkdirSync(config.dataDir, { recursive: true });
  const nodeKey = loadOrCreateNodeKey(config.dataDir);
  const databaseFile = sqliteFilePath(config.databaseUrl);
  mkdirSync(path.dirname(databaseFile), { recursive: true });
  const database = openSqlite(databaseFile);
  applyMigrations(database);
  const store = new SqliteLedgerStore(database);
  const signHeader = (header: BlockHeader) => signWithNodeCrypto(nodeKey.privateKey, canonicalBytes(header));
  store.ensureGenesis(() => {
    const header = makeGenesisHeader(config.chainIdRequested ?? defaultChainId, new Date().toISOString());
    return { header, hash: computeBlockHash(header), signature: signHeader(header) };
  });
  const genesis = store.blockAt(0)!;
  if (config.chainIdRequested !== undefined && config.chainIdRequested !== genesis.header.chainId) {
    throw new Error(
      `CHAIN_ID is ${config.chainIdRequested}, but the chain in ${databaseFile} is ${genesis.header.chainId}. ` +
        "Use another DATA_DIR for another chain.",
    );
  }
  if (!verifyWithNodeCrypto(nodeKey.publicKeyHex, canonicalBytes(genesis.header), genesis.signature)) {
    throw new Error(`The node key in ${config.dataDir} did not sign this chain's genesis block.`);
  }
  // Last, so that a start refused above never makes a password whose only showing would be lost.
  const { newAdminPassword } = prepareAdminCredentials(config);
  return { store, nodeKey, genesis, newAdminPassword };
}
