// Prepares DATA_DIR without serving: applies the checked-in migrations, makes the node key and genesis.
import { readConfig } from "../lib/server/env";
import { prepareNode } from "../lib/server/prepare-node";

const config = readConfig();
const { nodeKey, genesis, store } = prepareNode(config);
store.database.close();
console.log(`chainpay: chain ${genesis.header.chainId} ready in ${config.dataDir}, node key ${nodeKey.publicKeyHex}`);
