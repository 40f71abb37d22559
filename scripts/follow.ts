// `npm run follow -- <url> [--node-key <hex64>] [--once] [--witness [--witness-name <name>]]`: keep a local,
// verified replica of the node at <url> and serve the read API and explorer from it (PORT, default 3001;
// DATA_DIR, default ./data-follower). With --witness it is also a C2SP tlog-witness of the node's log: its own
// key in DATA_DIR (witness-key.pem, made on the first start), its vkey printed and written to DATA_DIR/
// witness.vkey, and POST /api/witness/add-checkpoint served (lib/server/witness/add-checkpoint.ts), which
// cosigns only what this replica verified.
// Every block is verified as it arrives; if the node ever rewrites a block already verified, or answers against
// the protocol (an endless body, a redirect, a wrong shape), the follower raises the alarm: a message here, a red
// banner in its explorer, /api/health answering 503, and no more syncing. A node that is down is retried.
// With --once it syncs to the node's head and exits: 0 when all verified, 3 on an alarm, 2 on usage or network.
import { spawn, type ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import { hex64Pattern } from "../lib/ledger/hex";
import { readConfigOrExit, witnessNamePattern } from "../lib/server/node/env";
import { prepareWitness } from "../lib/server/witness/prepare-witness";
import { Follower, FollowAlarmError } from "../lib/server/follower/follower";
import { prepareFollower } from "../lib/server/follower/prepare-follower";
import { VerifyPool } from "../lib/crypto/verify-pool";
import { NodeApi } from "../lib/verifier/node-api";
import { buildIfNeeded, nextEnvironment, root, serveArguments } from "./build-if-needed";

const usage = "usage: npm run follow -- <url> [--node-key <hex64>] [--once] [--witness [--witness-name <name>]]";
const pollIntervalMs = 1000;
/** A witness polls more often: a node's checkpoint waits (bounded) until the replica has verified its blocks. */
const witnessPollIntervalMs = 250;
/** A follower serves on 3001 unless PORT says otherwise, so that it can run beside a node on 3000. */
const defaultPort = 3001;

function alarmMessage(error: FollowAlarmError): string {
  const { alarm } = error;
  return [
    "",
    "!!! chainpay follower ALARM !!!",
    `!!! ${alarm.reason}`,
    ...(alarm.seenHash === null ? [] : [`!!! verified before: block ${alarm.height} hash ${alarm.seenHash}`]),
    ...(alarm.servedHash === null ? [] : [`!!! served now:      ${alarm.servedHash}`]),
    "!!! The replica keeps the chain as verified; syncing has stopped. Do not trust this node's new answers.",
    "",
  ].join("\n");
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      "node-key": { type: "string" },
      once: { type: "boolean", default: false },
      witness: { type: "boolean", default: false },
      "witness-name": { type: "string" },
    },
  });
  const [url] = positionals;
  const trustedKey = values["node-key"];
  const witnessName = values["witness-name"];
  if (
    url === undefined ||
    positionals.length > 1 ||
    !/^https?:\/\//.test(url) ||
    (trustedKey !== undefined && !hex64Pattern.test(trustedKey)) ||
    (witnessName !== undefined && (!values.witness || !witnessNamePattern.test(witnessName)))
  ) {
    console.error(usage);
    return 2;
  }
  const baseUrl = url.replace(/\/+$/, "");
  process.env.DATA_DIR ||= "./data-follower";
  process.env.FOLLOW_URL = baseUrl;
  const config = readConfigOrExit();
  const api = new NodeApi(baseUrl);
  const pool = new VerifyPool();
  const prepared = await prepareFollower(config, api, trustedKey);
  const { store } = prepared;
  let server: ChildProcess | null = null;
  try {
    if (prepared.isNewPin) {
      console.log(
        `follow: pinned node key ${prepared.nodePublicKey}${trustedKey === undefined ? " (as the node announced it; pass --node-key to pin it yourself)" : ""}`,
      );
    }
    if (prepared.newAdminPassword !== null)
      console.log(`follow: explorer admin password (shown once): ${prepared.newAdminPassword}`);
    const log = (line: string) => console.log(`follow: ${line}`);
    if (values.witness) {
      const witness = await prepareWitness(config.dataDir, store, api, witnessName);
      // The server child reads the name from its environment (lib/server/node/env.ts WITNESS_NAME).
      process.env.WITNESS_NAME = witness.name;
      if (witness.isNewKey) console.log(`witness: made a new witness key in ${config.dataDir}`);
      console.log(`witness: origin ${witness.origin}`);
      console.log(`witness: vkey ${witness.vkey}`);
    } else {
      // Only --witness makes a witness, whatever the environment says.
      delete process.env.WITNESS_NAME;
    }
    const follower = await Follower.open({
      store,
      api,
      nodePublicKey: prepared.nodePublicKey,
      verifyBatch: (checks) => pool.verify(checks),
      log,
    });
    log(`replica in ${config.dataDir} verified up to block ${follower.height}; following ${baseUrl}`);
    const isAlarmedAtStart = await firstSync(follower, log, values.witness && !values.once);
    if (values.once) return 0;

    buildIfNeeded();
    const port = config.port ?? defaultPort;
    server = spawn(process.execPath, serveArguments, {
      cwd: root,
      stdio: "inherit",
      env: { ...nextEnvironment, ...process.env, PORT: String(port) },
    });
    const exited = new Promise<number>((resolve) =>
      server!.on("exit", (code, signal) => resolve(code ?? (signal === null ? 0 : 1))),
    );
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server?.kill(signal));
    log(`serving the replica on port ${port}`);
    if (!isAlarmedAtStart) void followForever(follower, log, values.witness ? witnessPollIntervalMs : pollIntervalMs);
    return await exited;
  } catch (error) {
    if (error instanceof FollowAlarmError) {
      console.error(alarmMessage(error));
      return 3;
    }
    throw error;
  } finally {
    await store.close();
  }
}

/**
 * The first round, before serving. An alarm stops a follower here (exit 3); a witness prints it and serves all the
 * same, so that the node's add-checkpoint calls get its refusal (422, naming the block at fault), not silence.
 */
async function firstSync(follower: Follower, log: (line: string) => void, isServedOnAlarm: boolean): Promise<boolean> {
  try {
    const first = await follower.syncOnce();
    log(`verified and stored ${first.added} blocks; head ${first.height}`);
    return false;
  } catch (error) {
    // An empty replica has nothing to serve (the server needs a genesis block): that alarm stops the witness too.
    if (!(error instanceof FollowAlarmError) || !isServedOnAlarm || follower.height < 0) throw error;
    console.error(alarmMessage(error));
    return true;
  }
}

/** Rounds until an alarm; a node that is down or unreachable is retried, and said so once per outage. */
async function followForever(follower: Follower, log: (line: string) => void, intervalMs: number): Promise<void> {
  let lastProblem = "";
  for (;;) {
    try {
      const { added, height } = await follower.syncOnce();
      if (added > 0) log(`verified and stored ${added} blocks; head ${height}`);
      if (lastProblem !== "") log("the node answers again");
      lastProblem = "";
    } catch (error) {
      if (error instanceof FollowAlarmError) {
        console.error(alarmMessage(error));
        return;
      }
      const problem = error instanceof Error ? error.message : String(error);
      if (problem !== lastProblem) log(`cannot sync now (${problem}); retrying`);
      lastProblem = problem;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

// Exit outright: the verify pool's workers and the sync loop would keep the process alive. Every write to the
// replica is a committed transaction, so nothing is lost by stopping here.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`follow: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
