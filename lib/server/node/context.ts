// The node: configuration, keys, storage and the sealer, assembled once per process (on first use; concurrent
// first requests share the one promise). A follower (FOLLOW_URL) has no key and no sealer: it serves the
// replica that `npm run follow` keeps, and refuses writes.
import "server-only";
import { EventEmitter } from "node:events";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { canonicalBytes } from "../../ledger/canonical";
import { LedgerError } from "../../ledger/errors";
import type { BlockHeader } from "../../ledger/types";
import { loadAdminCredentials, type AdminCredentials } from "../admin/admin-credentials";
import { readConfig, type NodeConfig } from "./env";
import { nodeKeyFromPem, signWithNodeCrypto, type NodeKey } from "../../crypto/ed25519";
import { followedNodeKeySetting } from "../follower/follow-settings";
import type { LedgerStore } from "../../db/ledger-store";
import { openStore } from "../../db/open-store";
import { Sealer } from "../payments/sealer";
import { readStoredReceipt } from "../transactions/read-receipt";
import { openNodeLog, type NodeLogService } from "../log/open-log";
import type { WebhookDeliveryLoop } from "../webhooks/delivery-loop";
import { openWebhookDeliveries } from "../webhooks/open-webhooks";

/** What only the node that seals has: its private key and the sealer. */
export type NodeWriter = {
  nodeKey: NodeKey;
  sealer: Sealer;
};

export type LedgerNode = {
  config: NodeConfig;
  /** The key that signs this chain's blocks: this node's own, or on a follower the followed node's. */
  nodePublicKey: string;
  chainId: string;
  /** Every read and write of the chain: the one data path. */
  store: LedgerStore;
  /** Null on a follower. */
  writer: NodeWriter | null;
  /** Emits "block" with each block this process seals; other processes' blocks reach SSE through polling. */
  localBlocks: EventEmitter;
  /** The admin password's hash and the secret that signs admin session cookies. */
  admin: AdminCredentials;
  /** The witnessed log (issue 11): origin, vkey, policy, records, and the cosigning loop on the node that seals. */
  log: NodeLogService;
  /** The webhook delivery loop (issue 12) on the node that seals; null on a follower. */
  webhooks: WebhookDeliveryLoop | null;
};

const globalForNode = globalThis as unknown as { chainpayNode?: Promise<LedgerNode> };

export function getNode(): Promise<LedgerNode> {
  const existing = globalForNode.chainpayNode;
  if (existing !== undefined) return existing;
  const created = createNode(readConfig());
  globalForNode.chainpayNode = created;
  // A node that failed to open (say, the database was down) is tried again by the next request.
  created.catch(() => {
    if (globalForNode.chainpayNode === created) delete globalForNode.chainpayNode;
  });
  return created;
}

/** The node's writer, or the answer a follower gives to a write. */
export function writerOf(node: LedgerNode): NodeWriter {
  if (node.writer !== null) return node.writer;
  throw new LedgerError(
    "not_found",
    `This node is a read-only follower of ${node.config.followUrl ?? "another node"}: send payments to that node.`,
  );
}

/** For tests that start the node in-process on a fresh data directory. */
export async function resetNodeForTests(): Promise<void> {
  const pending = globalForNode.chainpayNode;
  delete globalForNode.chainpayNode;
  const node = await pending?.catch(() => undefined);
  await node?.log.cosigning?.stop();
  await node?.webhooks?.stop();
  await node?.store.close();
}

/** Opens a data directory that `prepareNode` (or `npm run follow`) made: the server never migrates or creates a chain. */
async function createNode(config: NodeConfig): Promise<LedgerNode> {
  const keyFile = path.join(config.dataDir, "node-key.pem");
  const isFollower = config.followUrl !== undefined;
  if (!isFollower && !existsSync(keyFile)) {
    throw new Error(
      `${config.dataDir} is not prepared: start the node with \`npm start\` (or run \`npm run db:deploy\`).`,
    );
  }
  const store = await openStore(config.databaseUrl, {
    migrate: false,
    serve: true,
    postgresTimeouts: config.postgresTimeouts,
  });
  try {
    const genesis = await store.blockAt(0);
    if (genesis === null)
      throw new Error(
        `The database at ${config.dataDir} has no genesis block: run \`npm run db:deploy\` or \`npm run follow\`.`,
      );
    const localBlocks = new EventEmitter();
    localBlocks.setMaxListeners(0);
    const admin = loadAdminCredentials(config);
    const common = { config, chainId: genesis.header.chainId, store, localBlocks, admin };
    if (isFollower) {
      const nodePublicKey = await store.readSetting(followedNodeKeySetting);
      if (nodePublicKey === null)
        throw new Error(`${config.dataDir} is not a follower's replica: start it with \`npm run follow -- <url>\`.`);
      const log = openNodeLog(config, common.chainId, nodePublicKey, store, null);
      return { ...common, nodePublicKey, writer: null, log, webhooks: null };
    }
    const nodeKey = nodeKeyFromPem(readFileSync(keyFile, "utf8"));
    const signHeader = (header: BlockHeader) => signWithNodeCrypto(nodeKey.privateKey, canonicalBytes(header));
    const sealer = new Sealer({
      // The node key signs headers here, once: the sealer only asks for a block.
      sealBlock: (takeCandidates, nowMs) => store.sealBlock(takeCandidates, signHeader, nowMs),
      readReceipt: (txId) => readStoredReceipt(store, txId, nodeKey.publicKeyHex),
      nodePublicKey: nodeKey.publicKeyHex,
      sealDelayMs: config.sealDelayMs,
      onBlock: (block) => localBlocks.emit("block", block),
    });
    const log = openNodeLog(config, common.chainId, nodeKey.publicKeyHex, store, nodeKey);
    const webhooks = openWebhookDeliveries(config);
    return { ...common, nodePublicKey: nodeKey.publicKeyHex, writer: { nodeKey, sealer }, log, webhooks };
  } catch (error) {
    await store.close();
    throw error;
  }
}
