// A witnessed network (tests/support/witnessed-network.ts) run in a process of its own for the Log page's browser
// test: its support starts real servers through modules marked `server-only`, which load only under the
// react-server condition that Playwright's own process lacks. It prints the network as one JSON line, stops the
// witness named by each `stop <name>` line it reads, and stops everything when its input ends.
import { createInterface } from "node:readline";
import { startWitnessedNetwork } from "../../support/witnessed-network";

export type NetworkDescription = {
  nodeUrl: string;
  policyText: string;
  witnesses: { name: string; url: string; submissionUrl: string; vkey: string }[];
};

const network = await startWitnessedNetwork({
  name: "e2e-explorer-log",
  witnesses: 2,
  quorum: 2,
  database: "sqlite",
  nodeEnv: { ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD ?? "e2e-admin-password" },
});
const description: NetworkDescription = {
  nodeUrl: network.nodeUrl,
  policyText: network.policyText,
  witnesses: network.witnesses.map(({ name, url, submissionUrl, vkey }) => ({ name, url, submissionUrl, vkey })),
};
process.stdout.write(`${JSON.stringify(description)}\n`);

const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const [command, name] = line.split(" ");
  const witness = network.witnesses.find((item) => item.name === name);
  if (command !== "stop" || witness === undefined) return;
  void witness.stop().then(() => process.stdout.write(`stopped ${name}\n`));
});
lines.on("close", () => {
  void network.stop().then(() => process.exit(0));
});
