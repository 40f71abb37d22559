// A bad LOG_ORIGIN, COSIGN_INTERVAL_MS or WITNESS_POLICY stops `npm start` with one line naming the setting (and
// for a policy file, its line at fault), and exit code 1.
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeDataDir } from "../../support/node";
import { ensureBuilt, runScript } from "../../support/server";
import { testLogSigner, testWitness } from "../../unit/support/log-keys";

const runTimeoutMs = 120_000;
const witness = testWitness("w.example");

describe("scripts/server/start.ts with a bad log setting", () => {
  it.each([
    [
      "LOG_ORIGIN",
      "has space",
      'chainpay: LOG_ORIGIN must be a schema-less URL like pay.example.com/main: no spaces or +, not starting with {, at most 255 bytes (got "has space")',
    ],
    [
      "LOG_ORIGIN",
      "{json}",
      'chainpay: LOG_ORIGIN must be a schema-less URL like pay.example.com/main: no spaces or +, not starting with {, at most 255 bytes (got "{json}")',
    ],
    [
      "COSIGN_INTERVAL_MS",
      "5",
      'chainpay: COSIGN_INTERVAL_MS must be a whole number of milliseconds from 10 to 600000 (got "5")',
    ],
  ])("%s=%s stops it before anything is written", async (variable, value, line) => {
    const dataDir = makeDataDir("bad-log-settings");
    const run = await runScript("server/start.ts", [], { DATA_DIR: dataDir, [variable]: value }, runTimeoutMs);
    expect(run.output.trimEnd().split("\n")).toEqual([line]);
    expect(run.code).toBe(1);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it.each([
    [
      "a witness without its URL",
      `# witnesses\nwitness w ${witness.vkey}\nquorum w\n`,
      "line 2: witness w needs its submission prefix URL (http:// or https://)",
    ],
    [
      "a log line of another key",
      `log ${testLogSigner("chainpay/chainpay-test").vkey}\nquorum none\n`,
      "line 1: its log line must be this node's vkey chainpay/chainpay-test+",
    ],
    [
      "a line that does not parse",
      `witness w ${witness.vkey} http://127.0.0.1:9/w\nquorum nobody\n`,
      "is not a tlog-policy file: policy line 2: the quorum nobody is not a witness or group defined above",
    ],
  ])("a WITNESS_POLICY with %s stops it, naming the line", async (_, text, message) => {
    ensureBuilt();
    const dataDir = makeDataDir("bad-log-policy");
    const file = path.join(dataDir, "policy.txt");
    writeFileSync(file, text);
    const run = await runScript(
      "server/start.ts",
      [],
      { DATA_DIR: dataDir, CHAIN_ID: "chainpay-test", WITNESS_POLICY: file },
      runTimeoutMs,
    );
    const lines = run.output.trimEnd().split("\n");
    expect(lines.at(-1)).toContain(`chainpay: WITNESS_POLICY (${file}) ${message}`);
    expect(run.code).toBe(1);
  });

  it("a WITNESS_POLICY file that does not exist stops it", async () => {
    const dataDir = makeDataDir("bad-log-policy");
    const file = path.join(dataDir, "absent.txt");
    const run = await runScript("server/start.ts", [], { DATA_DIR: dataDir, WITNESS_POLICY: file }, runTimeoutMs);
    expect(run.output.trimEnd().split("\n").at(-1)).toMatch(
      new RegExp(`^chainpay: WITNESS_POLICY \\(${file.replaceAll("/", "\\/")}\\) cannot be read: ENOENT`),
    );
    expect(run.code).toBe(1);
  });
});
