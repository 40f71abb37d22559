// Prepares DATA_DIR without serving: applies the checked-in migrations, makes the node key and genesis.
import { readConfigOrExit } from "../lib/server/node/env";
import { prepareNodeOrExit } from "../lib/server/node/prepare-node";

const config = readConfigOrExit();
const { nodeKey, genesis, store, newAdminPassword } = await prepareNodeOrExit(config);
await store.close();
console.log(`chainpay: chain ${genesis.header.chainId} ready in ${config.dataDir}, node key ${nodeKey.publicKeyHex}`);
// Whichever script prepares DATA_DIR first makes the admin password, and only it can show it.
if (newAdminPassword !== null) console.log(`chainpay: admin password (shown once): ${newAdminPassword}`);
