// The node's configuration: every environment variable read and validated here, once (create-t3-app's env.js).
// Each variable and its default is documented in the README.
import "server-only";
import { availableParallelism } from "node:os";
import path from "node:path";
import { z } from "zod";
import { amountPattern } from "../../ledger/limits";
import type { Currency } from "../../ledger/types";
import { currencySchema } from "../../validations/node";
import { wholeNumberSchema } from "../../validations/whole-number";
import { adminPasswordLengthMax, adminPasswordLengthMin } from "../../validations/admin";
import { defaultPostgresTimeouts, type PostgresTimeouts } from "../../db/database-url";
import { isValidOrigin } from "../../ledger/log/checkpoint";

/** The most server processes one node runs: more than cores only adds memory and switching. */
export const webConcurrencyMax = 64;

/** Whether the server can listen on it: an IPv4 or IPv6 address, or a host name to look up. */
function isListenableHost(value: string): boolean {
  if (z.ipv4().safeParse(value).success || z.ipv6().safeParse(value).success) return true;
  // "1.2.3.999" is a valid host name by its letters, but it is meant as an address, and a wrong one.
  return z.hostname().safeParse(value).success && !/^[0-9.]+$/.test(value);
}

/** `CODE` or `CODE:DECIMALS` as a currency; anything else gives a value the currency schema refuses. */
function currencyOf(text: string): Currency {
  const [code = "", decimals = "2", ...rest] = text.split(":");
  return { code, decimals: rest.length === 0 && /^[0-9]{1,2}$/.test(decimals) ? Number(decimals) : Number.NaN };
}

/** A signed-note key name as a witness's: printable ASCII without space or `+`, at most 255 bytes. */
export const witnessNamePattern = /^[\x21-\x2a\x2c-\x7e]{1,255}$/;

/** A DNS name is at most 253 characters. */
const hostLengthMax = 253;

/** A list of proxies longer than this is a mistake, not a deployment. */
const trustedProxiesMax = 64;

/** Whether an entry of TRUSTED_PROXIES is an IP address or a network in CIDR notation. */
function isProxyAddress(entry: string): boolean {
  return [z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()].some((schema) => schema.safeParse(entry).success);
}

/** The entries of a comma-separated list, trimmed, with empty ones dropped (a trailing comma is harmless). */
const listEntries = (value: string) =>
  value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");

export const adminTokenLengthMin = 32;

const faucetHourlyGrantsMax = 100_000;
const faucetHourlyMessage = `must be a whole number of faucet grants from 0 (no limit) to ${faucetHourlyGrantsMax}`;
const eventStreamBufferBytesMin = 4096;
const eventStreamBufferBytesMax = 64 * 1024 * 1024;

// Issue 12, webhook deliveries (hooks-core). A switch is 1/true or 0/false; the retry scale is a decimal factor.
const switchSetting = z
  .enum(["0", "1", "true", "false"], { error: "must be 1 or true (on), 0 or false (off)" })
  .transform((value) => value === "1" || value === "true");
const webhookRetryScaleMin = 0.0001;
const webhookRetryScaleMessage = `must be a decimal factor from ${webhookRetryScaleMin} to 1, like 0.001`;

const envSchema = z.object({
  // No default here: `npm start` serves on 3000 and `npm run follow` on 3001.
  PORT: wholeNumberSchema(1, 65_535, "must be a port number from 1 to 65535").optional(),
  // No default: unset, the server listens on every interface, IPv4 and IPv6.
  HOST: z
    .string()
    .max(hostLengthMax, `must be at most ${hostLengthMax} characters`)
    .refine(isListenableHost, "must be an IP address or a host name, like 127.0.0.1, :: or localhost")
    .optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must be a file: URL (SQLite) or a postgres:// URL (PostgreSQL)")
    .optional(),
  CHAIN_ID: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "must be 1 to 64 lowercase letters, digits and dashes")
    .optional(),
  // The same rule a verifier holds a node's announced currency to (lib/validations/node.ts).
  CURRENCY: z
    .string()
    .refine(
      (value) => currencySchema.safeParse(currencyOf(value)).success,
      "must be an ISO 4217 code with an optional number of decimals, like USD:2",
    )
    .default("USD:2"),
  // 0 turns the faucet off; any other amount is a payment's amount, with the same limits.
  FAUCET_AMOUNT: z
    .string()
    .refine((value) => value === "0" || amountPattern.test(value), "must be 0 or a whole number of minor units")
    .default("10000"),
  FAUCET_INTERVAL_SECONDS: wholeNumberSchema(0, 86_400, "must be a whole number of seconds from 0 to 86400").default(
    60,
  ),
  // Grants (each FAUCET_AMOUNT) per hour for one client and for all together; 0 is no limit. The top is where the
  // budget's bookkeeping (a list of the hour's grants) would stop being cheap.
  FAUCET_HOURLY_PER_CLIENT: wholeNumberSchema(0, faucetHourlyGrantsMax, faucetHourlyMessage).default(100),
  FAUCET_HOURLY_TOTAL: wholeNumberSchema(0, faucetHourlyGrantsMax, faucetHourlyMessage).default(1000),
  // As long as a random 192-bit token in base64, so that guessing it, even at the rate limit's pace, is hopeless.
  ADMIN_TOKEN: z.string().min(adminTokenLengthMin, `must be at least ${adminTokenLengthMin} characters`).optional(),
  // The upper bound is the sign-in form's, so that a password the node accepts can always be typed in.
  ADMIN_PASSWORD: z
    .string()
    .min(adminPasswordLengthMin, `must be at least ${adminPasswordLengthMin} characters`)
    .max(adminPasswordLengthMax, `must be at most ${adminPasswordLengthMax} characters`)
    .optional(),
  SEAL_DELAY_MS: wholeNumberSchema(0, 1000, "must be a whole number of milliseconds from 0 to 1000").default(0),
  // Exports and audits read database snapshots: this many at once in a process, each for at most this long.
  SNAPSHOTS_MAX: wholeNumberSchema(1, 1000, "must be a whole number from 1 to 1000").default(4),
  SNAPSHOT_SECONDS_MAX: wholeNumberSchema(1, 86_400, "must be a whole number of seconds from 1 to 86400").default(600),
  // Event streams (GET /api/events); the README says why these defaults.
  EVENTS_STREAMS_MAX: wholeNumberSchema(1, 1_000_000, "must be a whole number from 1 to 1000000").default(1000),
  EVENTS_STREAMS_PER_CLIENT_MAX: wholeNumberSchema(1, 1_000_000, "must be a whole number from 1 to 1000000").default(
    20,
  ),
  EVENTS_STREAM_LIFETIME_SECONDS: wholeNumberSchema(
    1,
    86_400,
    "must be a whole number of seconds from 1 to 86400",
  ).default(600),
  // At least a few block events, so that a client that reads is never dropped for one block.
  EVENTS_STREAM_BUFFER_BYTES: wholeNumberSchema(
    eventStreamBufferBytesMin,
    eventStreamBufferBytesMax,
    `must be a whole number of bytes from ${eventStreamBufferBytesMin} to ${eventStreamBufferBytesMax}`,
  ).default(256 * 1024),
  // The proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (lib/server/http/forwarded-client.ts).
  TRUSTED_PROXIES: z
    .string()
    .refine(
      (value) => listEntries(value).every(isProxyAddress),
      "must be comma-separated IP addresses or networks, like 127.0.0.1, 10.0.0.0/8 or fd00::/8",
    )
    .refine((value) => listEntries(value).length <= trustedProxiesMax, `must list at most ${trustedProxiesMax}`)
    .optional(),
  // Server processes sharing the port (scripts/server/serve.ts): one per core unless set; 1 is a single process.
  WEB_CONCURRENCY: wholeNumberSchema(
    1,
    webConcurrencyMax,
    `must be a whole number from 1 to ${webConcurrencyMax}`,
  ).optional(),
  // Open connections the server accepts at once; past it a new one is closed at once. Event streams count.
  MAX_CONNECTIONS: wholeNumberSchema(16, 1_000_000, "must be a whole number from 16 to 1000000").default(4096),
  // PostgreSQL only. A limit of 0 (none) is not offered: a stuck server or transaction must end some time.
  POSTGRES_CONNECT_TIMEOUT_MS: wholeNumberSchema(
    100,
    600_000,
    "must be a whole number of milliseconds from 100 to 600000",
  ).default(defaultPostgresTimeouts.connectMs),
  POSTGRES_STATEMENT_TIMEOUT_MS: wholeNumberSchema(
    100,
    3_600_000,
    "must be a whole number of milliseconds from 100 to 3600000",
  ).default(defaultPostgresTimeouts.statementMs),
  // The witnessed log (issue 11): the checkpoints' origin (default `chainpay/<chainId>`), the operator's tlog-policy
  // file (read and checked against the node's vkey by prepare-node.ts; unset: `quorum none`), the cosigning pace.
  LOG_ORIGIN: z
    .string()
    .refine(
      isValidOrigin,
      "must be a schema-less URL like pay.example.com/main: no spaces or +, not starting with {, at most 255 bytes",
    )
    .optional(),
  WITNESS_POLICY: z.string().min(1).optional(),
  COSIGN_INTERVAL_MS: wholeNumberSchema(
    10,
    600_000,
    "must be a whole number of milliseconds from 10 to 600000",
  ).default(1000),
  // Issue 12, webhooks (hooks-core): deliveries to private, loopback and link-local addresses (off: refused), and
  // a factor on the whole retry schedule, so that tests and the bench see a day of retries in seconds.
  WEBHOOKS_ALLOW_PRIVATE: switchSetting.default(false),
  WEBHOOKS_RETRY_SCALE: z
    .string()
    .regex(/^(0|1)(\.[0-9]{1,6})?$/, webhookRetryScaleMessage)
    .transform(Number)
    .refine((value) => value >= webhookRetryScaleMin && value <= 1, webhookRetryScaleMessage)
    .default(1),
  // Set by `npm run follow`: the server then serves the replica of the node at this URL, read-only.
  FOLLOW_URL: z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }).optional(),
  // Issue 11, the witness. Set by `npm run follow -- <url> --witness`: the follower then also serves tlog-witness
  // add-checkpoint, cosigning under this key name (a signed-note key name: no spaces, no `+`).
  WITNESS_NAME: z
    .string()
    .regex(witnessNamePattern, "must be a note key name: 1 to 255 printable ASCII characters, no space, no +")
    .optional(),
});

// Their values are never repeated in a message: a terminal's output ends up in logs and bug reports.
const secretVariables: ReadonlySet<string> = new Set(["ADMIN_TOKEN", "ADMIN_PASSWORD", "DATABASE_URL"]);

/** How much of a bad value a message repeats: enough to recognise it. */
const shownValueLengthMax = 64;

/** One bad setting: the variable, and what its value must be. */
export type ConfigIssue = { variable: string; message: string };

/** The node cannot start with these settings. Expected, not a bug: it is reported without a stack trace. */
export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super(`Invalid configuration: ${issues.map((issue) => `${issue.variable}: ${issue.message}`).join("; ")}`);
    this.name = "ConfigError";
    this.issues = issues;
  }

  /** One line per bad setting, each naming its variable, for a person at a terminal. */
  lines(): string[] {
    return this.issues.map((issue) => `chainpay: ${issue.variable} ${issue.message}`);
  }
}

/** The bounds on GET /api/events: how many streams, how long each lives, how far a client may fall behind. */
export type EventStreamSettings = {
  streamsMax: number;
  streamsPerClientMax: number;
  lifetimeMs: number;
  /** Bytes queued for, or owed to, one client past which the client is dropped as not reading. */
  bufferBytesMax: number;
};

export type NodeConfig = {
  /** Unset: the script's own default (3000 for `npm start`, 3001 for `npm run follow`). */
  port: number | undefined;
  /** The address `npm start` listens on; unset: every interface. */
  host: string | undefined;
  dataDir: string;
  databaseUrl: string;
  chainIdRequested: string | undefined;
  currency: Currency;
  faucetAmountMinor: bigint;
  faucetIntervalMs: number;
  /** Faucet grants one client may have in any hour; 0: no limit. */
  faucetHourlyPerClientMax: number;
  /** Faucet grants all clients together may have in any hour; 0: no limit. */
  faucetHourlyTotalMax: number;
  adminToken: string | undefined;
  /** When set, the admin's password; when unset, the one `prepareNode` made and stored hashed in DATA_DIR. */
  adminPassword: string | undefined;
  sealDelayMs: number;
  /** How many database snapshots exports and audits may hold at once in this process. */
  snapshotsMax: number;
  /** How long an export or an audit may hold its snapshot before it is stopped. */
  snapshotHoldSecondsMax: number;
  eventStreams: EventStreamSettings;
  /** Addresses and networks of the proxies in front of the node; empty: no client's forwarding headers count. */
  trustedProxies: string[];
  /** Server processes sharing the port: WEB_CONCURRENCY, or the number of cores. */
  webConcurrency: number;
  /** Open connections at most, event streams among them, counted over all the workers. */
  maxConnections: number;
  /** PostgreSQL's connect limit, and the limit on one statement or one pause inside a transaction. */
  postgresTimeouts: PostgresTimeouts;
  /** On a follower, the base URL of the node it follows. */
  followUrl: string | undefined;
  /** On a follower that is also a witness (issue 11), the witness's key name. */
  witnessName: string | undefined;
  /** The witnessed log: LOG_ORIGIN (unset: `chainpay/<chainId>`), WITNESS_POLICY's absolute path, the cosigning pace. */
  log: { originRequested: string | undefined; policyFile: string | undefined; cosignIntervalMs: number };
  /** Webhook deliveries (issue 12): whether private addresses may receive them, and the retry schedule's factor. */
  webhooks: { allowPrivate: boolean; retryScale: number };
};

export function readConfig(environment: NodeJS.ProcessEnv = process.env): NodeConfig {
  const variables = blankToUndefined(environment);
  const parsed = envSchema.safeParse(variables);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = issue.path.map(String).join(".");
        return { variable, message: `${issue.message}${shownValue(variable, variables[variable])}` };
      }),
    );
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.DATA_DIR);

  return {
    port: env.PORT,
    host: env.HOST,
    dataDir,
    databaseUrl: env.DATABASE_URL ?? `file:${path.join(dataDir, "chainpay.db")}`,
    chainIdRequested: env.CHAIN_ID,
    currency: currencyOf(env.CURRENCY),
    faucetAmountMinor: BigInt(env.FAUCET_AMOUNT),
    faucetIntervalMs: env.FAUCET_INTERVAL_SECONDS * 1000,
    faucetHourlyPerClientMax: env.FAUCET_HOURLY_PER_CLIENT,
    faucetHourlyTotalMax: env.FAUCET_HOURLY_TOTAL,
    adminToken: env.ADMIN_TOKEN,
    adminPassword: env.ADMIN_PASSWORD,
    sealDelayMs: env.SEAL_DELAY_MS,
    snapshotsMax: env.SNAPSHOTS_MAX,
    snapshotHoldSecondsMax: env.SNAPSHOT_SECONDS_MAX,
    eventStreams: {
      streamsMax: env.EVENTS_STREAMS_MAX,
      streamsPerClientMax: env.EVENTS_STREAMS_PER_CLIENT_MAX,
      lifetimeMs: env.EVENTS_STREAM_LIFETIME_SECONDS * 1000,
      bufferBytesMax: env.EVENTS_STREAM_BUFFER_BYTES,
    },
    trustedProxies: listEntries(env.TRUSTED_PROXIES ?? ""),
    webConcurrency: env.WEB_CONCURRENCY ?? Math.min(availableParallelism(), webConcurrencyMax),
    maxConnections: env.MAX_CONNECTIONS,
    postgresTimeouts: { connectMs: env.POSTGRES_CONNECT_TIMEOUT_MS, statementMs: env.POSTGRES_STATEMENT_TIMEOUT_MS },
    followUrl: env.FOLLOW_URL?.replace(/\/+$/, ""),
    witnessName: env.WITNESS_NAME,
    log: {
      originRequested: env.LOG_ORIGIN,
      policyFile: env.WITNESS_POLICY === undefined ? undefined : path.resolve(env.WITNESS_POLICY),
      cosignIntervalMs: env.COSIGN_INTERVAL_MS,
    },
    webhooks: { allowPrivate: env.WEBHOOKS_ALLOW_PRIVATE, retryScale: env.WEBHOOKS_RETRY_SCALE },
  };
}

/**
 * For a script's start: the configuration, or each bad setting on one line of stderr and exit code 1, since a
 * stack trace would bury the one thing to fix.
 */
export function readConfigOrExit(environment: NodeJS.ProcessEnv = process.env): NodeConfig {
  try {
    return readConfig(environment);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const line of error.lines()) console.error(line);
    process.exit(1);
  }
}

/** What a message says the value was, unless it is a secret. */
function shownValue(variable: string, value: string | undefined): string {
  if (value === undefined || secretVariables.has(variable)) return "";
  const shown = value.length > shownValueLengthMax ? `${value.slice(0, shownValueLengthMax)}…` : value;
  return ` (got ${JSON.stringify(shown)})`;
}

/** An empty variable (`FOO=`) means "use the default", as in most tools. */
function blankToUndefined(environment: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, value === "" ? undefined : value]));
}

/** Unset, CHAIN_ID is this and 8 random hex digits, chosen once at genesis (prepare-node.ts `randomChainId`). */
export const defaultChainIdPrefix = "chainpay-";

export { databaseKind, sqliteFilePath } from "../../db/database-url";
