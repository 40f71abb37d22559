// `npm start`: build when the sources are newer than the last build, prepare the data directory (migrations,
// node key, genesis), then serve with chainpay's own server (scripts/server/serve.ts) on HOST (default: every
// interface) and PORT (default 3000), in this same process.
import { buildIfNeeded } from "../build-if-needed";
import { serve } from "./serve";
import { readConfigOrExit } from "../../lib/server/node/env";
import { prepareNodeOrExit } from "../../lib/server/node/prepare-node";
import { warnWhileFaucetIsOn } from "../../lib/server/faucet/faucet-warning";
import { redactDatabaseUrl } from "../../lib/db/database-url";
import { loadNodeLog } from "../../lib/server/log/node-log";

// Settings first: a bad one is reported in a moment, not after a build.
const config = readConfigOrExit();
buildIfNeeded();

const { nodeKey, genesis, store, newAdminPassword } = await prepareNodeOrExit(config);
const head = await store.head();
await warnWhileFaucetIsOn(config, store);
await store.close();
console.log(
  `chainpay: chain ${genesis.header.chainId}, head ${head?.header.height ?? 0}, node key ${nodeKey.publicKeyHex}`,
);
const log = loadNodeLog(config, genesis.header.chainId, nodeKey.publicKeyHex);
const witnessCount = log.policy.witnesses.length;
console.log(
  `chainpay: log vkey ${log.key.vkey}; ${witnessCount === 0 ? "no witnesses (quorum none)" : `${witnessCount} witnesses, quorum ${log.policy.quorum}`}`,
);
console.log(`chainpay: data in ${config.dataDir}, database ${redactDatabaseUrl(config.databaseUrl)}`);
// Only its hash is kept, so this is the one time it can be shown; later starts print nothing.
if (newAdminPassword !== null) console.log(`chainpay: admin password (shown once): ${newAdminPassword}`);

await serve(config, 3000);
