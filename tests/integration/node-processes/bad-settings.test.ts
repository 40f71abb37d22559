// A bad setting stops `npm start` and `npm run db:deploy` with one line that names the variable, and a non-zero
// exit, before anything is built, migrated or written.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { makeDataDir } from "../../support/node";
import { runScript } from "../../support/server";

type Case = { variable: string; value: string; line: string };

const cases: Case[] = [
  { variable: "PORT", value: "abc", line: 'chainpay: PORT must be a port number from 1 to 65535 (got "abc")' },
  { variable: "PORT", value: "65536", line: 'chainpay: PORT must be a port number from 1 to 65535 (got "65536")' },
  {
    variable: "CURRENCY",
    value: "xx",
    line: 'chainpay: CURRENCY must be an ISO 4217 code with an optional number of decimals, like USD:2 (got "xx")',
  },
  {
    variable: "FAUCET_AMOUNT",
    value: "-1",
    line: 'chainpay: FAUCET_AMOUNT must be 0 or a whole number of minor units (got "-1")',
  },
  {
    variable: "FAUCET_INTERVAL_SECONDS",
    value: "1e3",
    line: 'chainpay: FAUCET_INTERVAL_SECONDS must be a whole number of seconds from 0 to 86400 (got "1e3")',
  },
  {
    variable: "SEAL_DELAY_MS",
    value: "5000",
    line: 'chainpay: SEAL_DELAY_MS must be a whole number of milliseconds from 0 to 1000 (got "5000")',
  },
  {
    variable: "EVENTS_STREAMS_MAX",
    value: "0",
    line: 'chainpay: EVENTS_STREAMS_MAX must be a whole number from 1 to 1000000 (got "0")',
  },
  {
    variable: "EVENTS_STREAM_BUFFER_BYTES",
    value: "1024",
    line: 'chainpay: EVENTS_STREAM_BUFFER_BYTES must be a whole number of bytes from 4096 to 67108864 (got "1024")',
  },
  // A secret is named but never repeated: a terminal's output ends up in logs.
  {
    variable: "POSTGRES_STATEMENT_TIMEOUT_MS",
    value: "0",
    line: 'chainpay: POSTGRES_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds from 100 to 3600000 (got "0")',
  },
  {
    variable: "POSTGRES_CONNECT_TIMEOUT_MS",
    value: "1e4",
    line: 'chainpay: POSTGRES_CONNECT_TIMEOUT_MS must be a whole number of milliseconds from 100 to 600000 (got "1e4")',
  },
  { variable: "ADMIN_TOKEN", value: "too-short", line: "chainpay: ADMIN_TOKEN must be at least 32 characters" },
  { variable: "ADMIN_TOKEN", value: "a".repeat(31), line: "chainpay: ADMIN_TOKEN must be at least 32 characters" },
  {
    variable: "HOST",
    value: "http://localhost",
    line: 'chainpay: HOST must be an IP address or a host name, like 127.0.0.1, :: or localhost (got "http://localhost")',
  },
  {
    variable: "HOST",
    value: "10.0.0.256",
    line: 'chainpay: HOST must be an IP address or a host name, like 127.0.0.1, :: or localhost (got "10.0.0.256")',
  },
  ...["10.0.0.0/33", "127.0.0.1, proxy.internal"].map((value) => ({
    variable: "TRUSTED_PROXIES",
    value,
    line: `chainpay: TRUSTED_PROXIES must be comma-separated IP addresses or networks, like 127.0.0.1, 10.0.0.0/8 or fd00::/8 (got ${JSON.stringify(value)})`,
  })),
  {
    variable: "MAX_CONNECTIONS",
    value: "0",
    line: 'chainpay: MAX_CONNECTIONS must be a whole number from 16 to 1000000 (got "0")',
  },
];

// Each run is bounded, so that a script that ignored the setting and went on to build and serve fails here.
const runTimeoutMs = 60_000;

describe.each(["server/start.ts", "prepare-data.ts"])("scripts/%s with a bad setting", (script) => {
  it.each(cases)("$variable=$value", async ({ variable, value, line }) => {
    const dataDir = makeDataDir("bad-settings");
    const run = await runScript(script, [], { DATA_DIR: dataDir, [variable]: value }, runTimeoutMs);
    expect(run.output.trimEnd().split("\n")).toEqual([line]);
    expect(run.code).toBe(1);
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
