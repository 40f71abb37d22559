// The node: configuration, keys, storage and the sealer, assembled once per process. Everything is created
// synchronously on first use (better-sqlite3 is synchronous), so concurrent first requests cannot race it.
import "server-only";
import { EventEmitter } from "node:events";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { makeGenesisHeader } from "../ledger/block";
import { canonicalBytes } from "../ledger/canonical";
import { computeBlockHash } from "../ledger/hash";
import type { BlockHeader, SignedBlock } from "../ledger/types";
import { getPrisma } from "../db";
import { defaultChainId, readConfig, sqliteFilePath, type NodeConfig } from "./env";
import { generateNodeKeyPem, nodeKeyFromPem, signWithNodeCrypto, verifyWithNodeCrypto, type NodeKey } from "./ed25519";
import { applyMigrations } from "./migrate";
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

/** Creates the data directory, applies migrations, loads the node key and makes genesis: all idempotent. */
export function prepareNode(config: NodeConfig): { store: SqliteLedgerStore; nodeKey: NodeKey; genesis: SignedBlock } {
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
  return { store, nodeKey, genesis };
}

function createNode(config: NodeConfig): LedgerNode {
  const { store, nodeKey, genesis } = prepareNode(config);
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
  return { config, nodeKey, chainId: genesis.header.chainId, store, prisma, sealer, localBlocks, signHeader };
}
