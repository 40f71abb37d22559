// A witnessed network (tests/support/witnessed-network.ts) in a process of its own for the wallet's witnessed
// browser test: its support loads `server-only` modules, which need the react-server condition Playwright's own
// process lacks. It prints the network as one JSON line, then answers each line it reads with `done <line>`:
// `stop <name>` and `start <name>` a witness, `policy <quorum> <name>…` restarts the node with a policy of those
// witnesses. It stops everything when its input ends.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { policyFor, startWitnessedNetwork } from "../../support/witnessed-network";

export type WalletNetworkDescription = { nodeUrl: string; witnessNames: string[] };

const network = await startWitnessedNetwork({
  name: "e2e-wallet-witnessed",
  witnesses: 3,
  quorum: 2,
  database: "sqlite",
});
const description: WalletNetworkDescription = {
  nodeUrl: network.nodeUrl,
  witnessNames: network.witnesses.map((witness) => witness.name),
};
process.stdout.write(`${JSON.stringify(description)}\n`);

async function run(line: string): Promise<void> {
  const [command, ...rest] = line.split(" ");
  const named = (name: string | undefined) => network.witnesses.find((witness) => witness.name === name);
  if (command === "stop") await named(rest[0])?.stop();
  if (command === "start") await named(rest[0])?.start();
  if (command === "policy") {
    const members = network.witnesses.filter((witness) => rest.slice(1).includes(witness.name));
    const file = path.join(network.nodeDataDir, `witness-policy-${Date.now()}.txt`);
    writeFileSync(file, policyFor(members, Number(rest[0])));
    await network.restartNode({ WITNESS_POLICY: file });
  }
}

// One command at a time, in order.
let queue = Promise.resolve();
const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  queue = queue.then(() => run(line)).then(() => void process.stdout.write(`done ${line}\n`));
});
lines.on("close", () => {
  void queue.finally(() => network.stop().then(() => process.exit(0)));
});
