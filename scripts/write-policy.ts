// `npm run policy -- --quorum <k> <witness url>... [--out <file>]`: reads each witness's GET <url>/api/witness
// and prints a C2SP tlog-policy for the node's WITNESS_POLICY file: a `witness <name> <vkey> <url>/api/witness`
// line per witness, one group of them all with threshold k, and `quorum` on that group. With --out it writes the
// file instead. Exit codes: 0 written, 1 a witness could not be read, 2 usage.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { parseVerifierKey } from "../lib/ledger/log/note";
import { formatPolicy, type Policy, type PolicyWitness } from "../lib/ledger/log/policy";
import { NodeApi } from "../lib/verifier/node-api";

const usage = "usage: npm run policy -- --quorum <k> <witness url>... [--out <file>]";
/** More witnesses than this is a mistake, not a policy. */
const witnessesMax = 64;
/** The most of a witness's GET /api/witness answer read. */
const statusBytesMax = 64 * 1024;
const groupName = "chainpay-witnesses";

const witnessStatusSchema = z.object({ name: z.string(), vkey: z.string() });

function usageError(message: string): never {
  console.error(`policy: ${message}\n${usage}`);
  process.exit(2);
}

async function readWitness(url: string): Promise<PolicyWitness> {
  const { name, vkey } = await new NodeApi(url).json("/api/witness", witnessStatusSchema, statusBytesMax);
  const key = parseVerifierKey(vkey);
  if (key.name !== name) throw new Error(`${url}/api/witness names itself ${name} but its vkey is ${key.name}'s`);
  if (key.type !== 0x04) throw new Error(`${url}/api/witness's vkey is not a cosignature/v1 key (type 0x04)`);
  return { name, key, url: `${url}/api/witness` };
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { quorum: { type: "string" }, out: { type: "string" } },
    });
  } catch (error) {
    usageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const urls = positionals.map((url) => url.replace(/\/+$/, ""));
  if (urls.length === 0) usageError("name at least one witness URL");
  if (urls.length > witnessesMax) usageError(`at most ${witnessesMax} witnesses`);
  const bad = urls.find((url) => !/^https?:\/\/[^\s]+$/.test(url) || !URL.canParse(url));
  if (bad !== undefined) usageError(`not an http:// or https:// URL: ${bad}`);
  if (new Set(urls).size !== urls.length) usageError("a witness URL is named twice");
  const quorum = values.quorum;
  if (quorum === undefined || !/^[1-9][0-9]{0,2}$/.test(quorum) || Number(quorum) > urls.length) {
    usageError(`--quorum must be a whole number from 1 to the number of witnesses (${urls.length})`);
  }
  let witnesses: PolicyWitness[];
  try {
    witnesses = await Promise.all(urls.map(readWitness));
  } catch (error) {
    console.error(`policy: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const names = witnesses.map((witness) => witness.name);
  if (new Set(names).size !== names.length) {
    console.error(`policy: two witnesses share a name (${names.join(", ")}): start them with distinct --witness-name`);
    return 1;
  }
  const policy: Policy = {
    logs: [],
    witnesses,
    groups: [{ name: groupName, threshold: Number(quorum), members: names }],
    quorum: groupName,
  };
  const text = formatPolicy(policy);
  if (values.out === undefined) process.stdout.write(text);
  else {
    writeFileSync(values.out, text);
    console.log(`policy: wrote ${values.out} (${witnesses.length} witnesses, quorum ${quorum})`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`policy: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
