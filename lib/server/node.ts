// The node: configuration, keys, storage and the sealer, assembled once per process. Everything is created
// synchronously on first use (better-sqlite3 is synchronous), so concurrent first requests cannot race it.
import "server-only";
import { EventEmitter } from "node:events";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { canonicalBytes } from "../ledger/canonical";
import type { BlockHeader, SignedBlock } from "../ledger/types";
import { getPrisma } from "../db";
import { loadAdminCredentials, type AdminCredentials } from "./admin-credentials";
import { readConfig, sqliteFilePath, type NodeConfig } from "./env";
import { nodeKeyFromPem, signWithNodeCrypto, type NodeKey } from "./ed25519";
import { startCheckpointer } from "./checkpointer";
import { Sealer } from "./sealer";
import { openSqlite, SqliteLedgerStore } from "./sqlite-store";
import { readReceiptOrThrow } from "./read-receipt";

export type LedgerNode = {
  config: NodeConfig;
  nodeKey: NodeKey;
  chainId: string;
  store: SqliteLedgerStore;
  prisma: PrismaClient;
  sealer: Sealer;
  /** Emits "block" with each block this process seals; other processes' blocks reach SSE through polling. */
  localBlocks: EventEmitter;
  signHeader: (header: BlockHeader) => string;
  /** The admin password's hash and the secret that signs admin session cookies. */
  admin: AdminCredentials;
};

const globalForNode = globalThis as unknown as { chainpayNode?: LedgerNode };

export function getNode(): LedgerNode {
  globalForNode.chainpayNode ??= createNode(readConfig());
  return globalForNode.chainpayNode;
}

/** For tests that start the node in-process on a fresh data directory. */
export function resetNodeForTests(): void {
  const node = globalForNode.chainpayNode;
  if (node !== undefined) node.store.database.close();
  delete globalForNode.chainpayNode;
}

/** Opens a data directory that `prepareNode` made: the server itself never migrates or creates a chain. */
function openPreparedNode(config: NodeConfig): { store: SqliteLedgerStore; nodeKey: NodeKey; genesis: SignedBlock } {
  const keyFile = path.join(config.dataDir, "node-key.pem");
  const databaseFile = sqliteFilePath(config.databaseUrl);
  if (!existsSync(keyFile) || !existsSync(databaseFile)) {
    throw new Error(`${config.dataDir} is not prepared: start the node with \`npm start\` (or run \`npm run db:deploy\`).`);
  }
  const nodeKey = nodeKeyFromPem(readFileSync(keyFile, "utf8"));
  const database = openSqlite(databaseFile);
  database.pragma("wal_autocheckpoint = 0");
  startCheckpointer(databaseFile);
  const store = new SqliteLedgerStore(database);
  const genesis = store.blockAt(0);
  if (genesis === null) throw new Error(`${databaseFile} has no genesis block: run \`npm run db:deploy\`.`);
  return { store, nodeKey, genesis };
}

function createNode(config: NodeConfig): LedgerNode {
  const { store, nodeKey, genesis } = openPreparedNode(config);
  const prisma = getPrisma(config.databaseUrl);
  const localBlocks = new EventEmitter();
  localBlocks.setMaxListeners(0);
  const signHeader = (header: BlockHeader) => signWithNodeCrypto(nodeKey.privateKey, canonicalBytes(header));
  const sealer = new Sealer({
    sealBlock: (candidates, sign, nowMs) => store.sealBlock(candidates, sign, nowMs),
    signHeader,
    readReceipt: (txId) => readReceiptOrThrow(prisma, txId, nodeKey.publicKeyHex),
    nodePublicKey: nodeKey.publicKeyHex,
    sealDelayMs: config.sealDelayMs,
    onBlock: (block) => localBlocks.emit("block", block),
  });
  const admin = loadAdminCredentials(config);
  return { config, nodeKey, chainId: genesis.header.chainId, store, prisma, sealer, localBlocks, signHeader, admin };
}
