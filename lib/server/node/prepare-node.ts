// Prepares a data directory: creates it, applies the checked-in migrations, makes the node key, genesis and
// the admin's credentials.
// All of it is idempotent and safe for two processes at once. Run by `npm start` before the server starts
// (the server only opens what this made, so that its bundle does not carry the migration files).
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { makeGenesisHeader } from "../../ledger/block";
import { canonicalBytes } from "../../ledger/canonical";
import { computeBlockHash } from "../../ledger/hash";
import type { BlockHeader, SignedBlock } from "../../ledger/types";
import { ConfigError, defaultChainIdPrefix, type NodeConfig } from "./env";
import {
  generateNodeKeyPem,
  nodeKeyFromPem,
  signWithNodeCrypto,
  verifyWithNodeCryptoSync,
  type NodeKey,
} from "../../crypto/ed25519";
import { prepareAdminCredentials } from "../admin/admin-credentials";
import { endSessionsIfPasswordChanged } from "../admin/session-generation";
import type { LedgerStore } from "../../db/ledger-store";
import { openStore } from "../../db/open-store";
import { redactDatabaseUrl } from "../../db/database-url";
import { loadNodeLog } from "../log/node-log";

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
 * A new chain's id when CHAIN_ID is unset: `chainpay-` and 8 random hex digits. A fixed default made every node
 * that kept it one chain, each accepting the others' signed payments (a payment signed for one node could be
 * replayed to another); a random one, chosen once at genesis and kept in its header, makes each chain its own.
 */
export function randomChainId(): string {
  return `${defaultChainIdPrefix}${randomBytes(4).toString("hex")}`;
}

/**
 * Creates the data directory, applies migrations, loads the node key, makes genesis and the admin's
 * credentials: all idempotent. A stored chain keeps its id; a CHAIN_ID that differs from it stops the start
 * (a ConfigError: one line naming the variable).
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
      const header = makeGenesisHeader(config.chainIdRequested ?? randomChainId(), new Date().toISOString());
      return { header, hash: computeBlockHash(header), signature: signHeader(header) };
    });
    const where = redactDatabaseUrl(config.databaseUrl);
    const genesis = await store.blockAt(0);
    if (genesis === null) throw new Error(`The chain in ${where} has no genesis block.`);
    if (config.chainIdRequested !== undefined && config.chainIdRequested !== genesis.header.chainId) {
      throw new ConfigError([
        {
          variable: "CHAIN_ID",
          message:
            `is ${config.chainIdRequested}, but the chain in ${where} is ${genesis.header.chainId}: ` +
            "unset CHAIN_ID to keep that chain, or use another DATA_DIR (or DATABASE_URL) for another chain",
        },
      ]);
    }
    if (!verifyWithNodeCryptoSync(nodeKey.publicKeyHex, canonicalBytes(genesis.header), genesis.signature)) {
      throw new Error(
        `The node key in ${config.dataDir} did not sign the genesis block in ${where}: ` +
          "every instance of one node needs the same node-key.pem.",
      );
    }
    // LOG_ORIGIN and WITNESS_POLICY checked against the node's vkey: a bad policy stops the start here.
    loadNodeLog(config, genesis.header.chainId, nodeKey.publicKeyHex);
    // Last, so that a start refused above never makes a password whose only showing would be lost.
    const { newAdminPassword } = prepareAdminCredentials(config);
    // A new admin password (ADMIN_PASSWORD changed, or admin-password.json replaced) ends the old one's sessions.
    await endSessionsIfPasswordChanged(store, config);
    return { store, nodeKey, genesis, newAdminPassword };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** For a script's start: the prepared node, or a refused start's one line on stderr and exit code 1. */
export async function prepareNodeOrExit(config: NodeConfig): Promise<PreparedNode> {
  try {
    return await prepareNode(config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const line of error.lines()) console.error(line);
    process.exit(1);
  }
}
