// The node's log identity and served policy from LOG_ORIGIN and WITNESS_POLICY, and the refusals that stop a start.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "@/lib/server/node/env";
import { loadNodeLog } from "@/lib/server/log/node-log";
import { ed25519KeyNamed, testLogSigner, testWitness } from "../support/log-keys";

const chainId = "chainpay-0badc0de";
const nodeKey = ed25519KeyNamed("the node");
const nodeVkey = testLogSigner(`chainpay/${chainId}`, nodeKey).vkey;
const alpha = testWitness("alpha.example");
const beta = testWitness("beta.example");
const directory = mkdtempSync(path.join(tmpdir(), "chainpay-node-log-"));

const settings = (variables: Record<string, string>) => variables as NodeJS.ProcessEnv;

function policyFile(text: string): string {
  const file = path.join(directory, `policy-${Math.random().toString(16).slice(2)}.txt`);
  writeFileSync(file, text);
  return file;
}

function load(environment: Record<string, string>) {
  return loadNodeLog(readConfig(settings({ DATA_DIR: directory, ...environment })), chainId, nodeKey.publicKeyHex);
}

/** The one line a refused start prints. */
function refusal(environment: Record<string, string>): string {
  try {
    load(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error.lines().join("\n");
    throw error;
  }
  throw new Error("the start was not refused");
}

describe("loadNodeLog", () => {
  it("defaults to chainpay/<chainId> and quorum none, serving only the node's log line", () => {
    const log = load({});
    expect(log.origin).toBe(`chainpay/${chainId}`);
    expect(log.key.vkey).toBe(nodeVkey);
    expect(log.key.vkey).toMatch(/^chainpay\/chainpay-0badc0de\+[0-9a-f]{8}\+/);
    expect(log.policyText).toBe(`log ${nodeVkey}\nquorum none\n`);
  });

  it("uses LOG_ORIGIN as the origin and the key name", () => {
    const log = load({ LOG_ORIGIN: "pay.example.com/main" });
    expect(log.origin).toBe("pay.example.com/main");
    expect(log.key.vkey).toBe(testLogSigner("pay.example.com/main", nodeKey).vkey);
  });

  it("serves the operator's witnesses, groups and quorum after exactly one log line, its own", () => {
    const file = policyFile(
      `# two of two\nlog ${nodeVkey}\nwitness a ${alpha.vkey} http://127.0.0.1:1/w\n` +
        `witness b ${beta.vkey} https://b.example/w\ngroup both all a b\nquorum both\n`,
    );
    expect(load({ WITNESS_POLICY: file }).policyText).toBe(
      `log ${nodeVkey}\nwitness a ${alpha.vkey} http://127.0.0.1:1/w\nwitness b ${beta.vkey} https://b.example/w\n` +
        "group both 2 a b\nquorum both\n",
    );
    const withoutLog = policyFile(`witness a ${alpha.vkey} http://127.0.0.1:1/w\nquorum a\n`);
    expect(load({ WITNESS_POLICY: withoutLog }).policyText).toBe(
      `log ${nodeVkey}\nwitness a ${alpha.vkey} http://127.0.0.1:1/w\nquorum a\n`,
    );
  });

  it.each([
    [
      "another log's key",
      () => `log ${testLogSigner("other/log").vkey}\nquorum none\n`,
      /line 1: its log line must be this node's vkey/,
    ],
    [
      "a witness without a URL",
      () => `witness a ${alpha.vkey}\nquorum a\n`,
      /line 1: witness a needs its submission prefix URL/,
    ],
    [
      "a witness with an ftp URL",
      () => `witness a ${alpha.vkey} ftp://a.example/\nquorum a\n`,
      /policy line 1: a witness URL must be an http or https URL/,
    ],
    [
      "a witness key of type 0x01",
      () => `witness a ${nodeVkey} http://a.example/\nquorum a\n`,
      /policy line 1: a witness key must be of signature type 0x04/,
    ],
    ["no quorum line", () => `witness a ${alpha.vkey} http://a.example/\n`, /exactly one quorum line/],
    ["an unknown keyword", () => `quorum none\nwitnesses a\n`, /policy line 2: unknown keyword/],
  ])("refuses %s, naming WITNESS_POLICY and the line", (_, text, message) => {
    const line = refusal({ WITNESS_POLICY: policyFile(text()) });
    expect(line).toMatch(/^chainpay: WITNESS_POLICY \(/);
    expect(line).toMatch(message);
  });

  it("refuses a policy file that cannot be read", () => {
    expect(refusal({ WITNESS_POLICY: path.join(directory, "absent.txt") })).toMatch(
      /^chainpay: WITNESS_POLICY \(.*absent\.txt\) cannot be read: ENOENT/,
    );
  });
});

describe("LOG_ORIGIN and COSIGN_INTERVAL_MS settings", () => {
  it.each(["has space", "a+b", "{json", "x".repeat(256)])("refuses LOG_ORIGIN %j", (origin) => {
    expect(() => readConfig(settings({ DATA_DIR: directory, LOG_ORIGIN: origin }))).toThrow(
      /LOG_ORIGIN: must be a schema-less URL/,
    );
  });

  it("accepts a 255-byte origin and defaults COSIGN_INTERVAL_MS to 1000", () => {
    const config = readConfig(settings({ DATA_DIR: directory, LOG_ORIGIN: "x".repeat(255) }));
    expect(config.log).toEqual({ originRequested: "x".repeat(255), policyFile: undefined, cosignIntervalMs: 1000 });
  });

  it.each(["0", "9", "600001", "1e3", "-5"])("refuses COSIGN_INTERVAL_MS %j", (value) => {
    expect(() => readConfig(settings({ DATA_DIR: directory, COSIGN_INTERVAL_MS: value }))).toThrow(
      /COSIGN_INTERVAL_MS: must be/,
    );
  });
});
