// The node's configuration: every environment variable read and validated here, once (create-t3-app's env.js).
// Each variable and its default is documented in the README.
import "server-only";
import path from "node:path";
import { z } from "zod";
import { amountPattern } from "../../ledger/limits";
import { adminPasswordLengthMax, adminPasswordLengthMin } from "../../validations/admin";

const envSchema = z.object({
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must be a file: URL (SQLite) or a postgres:// URL (PostgreSQL)")
    .optional(),
  CHAIN_ID: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "must be 1 to 64 lowercase letters, digits and dashes")
    .optional(),
  CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}(:[0-9])?$/, "must be an ISO 4217 code with an optional number of decimals, like USD:2")
    .default("USD:2"),
  FAUCET_AMOUNT: z
    .string()
    .regex(/^(0|[1-9][0-9]{0,15})$/, "must be a whole number of minor units")
    .default("10000"),
  FAUCET_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  ADMIN_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  // The upper bound is the sign-in form's, so that a password the node accepts can always be typed in.
  ADMIN_PASSWORD: z
    .string()
    .min(adminPasswordLengthMin, `must be at least ${adminPasswordLengthMin} characters`)
    .max(adminPasswordLengthMax, `must be at most ${adminPasswordLengthMax} characters`)
    .optional(),
  SEAL_DELAY_MS: z.coerce.number().int().min(0).max(1000).default(0),
  // Set by `npm run follow`: the server then serves the replica of the node at this URL, read-only.
  FOLLOW_URL: z.url({ protocol: /^https?$/ }).optional(),
});

export type NodeConfig = {
  dataDir: string;
  databaseUrl: string;
  chainIdRequested: string | undefined;
  currency: { code: string; decimals: number };
  faucetAmountMinor: bigint;
  faucetIntervalMs: number;
  adminToken: string | undefined;
  /** When set, the admin's password; when unset, the one `prepareNode` made and stored hashed in DATA_DIR. */
  adminPassword: string | undefined;
  sealDelayMs: number;
  /** On a follower, the base URL of the node it follows. */
  followUrl: string | undefined;
};

export function readConfig(environment: NodeJS.ProcessEnv = process.env): NodeConfig {
  const parsed = envSchema.safeParse(blankToUndefined(environment));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Invalid configuration: ${issues}`);
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.DATA_DIR);
  const [code = "USD", decimals = "2"] = env.CURRENCY.split(":");
  const faucetAmountMinor = BigInt(env.FAUCET_AMOUNT);
  if (faucetAmountMinor !== 0n && !amountPattern.test(env.FAUCET_AMOUNT)) throw new Error("Invalid FAUCET_AMOUNT");
  return {
    dataDir,
    databaseUrl: env.DATABASE_URL ?? `file:${path.join(dataDir, "chainpay.db")}`,
    chainIdRequested: env.CHAIN_ID,
    currency: { code, decimals: Number(decimals) },
    faucetAmountMinor,
    faucetIntervalMs: env.FAUCET_INTERVAL_SECONDS * 1000,
    adminToken: env.ADMIN_TOKEN,
    adminPassword: env.ADMIN_PASSWORD,
    sealDelayMs: env.SEAL_DELAY_MS,
    followUrl: env.FOLLOW_URL?.replace(/\/+$/, ""),
  };
}

/** An empty variable (`FOO=`) means "use the default", as in most tools. */
function blankToUndefined(environment: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, value === "" ? undefined : value]));
}

export const defaultChainId = "chainpay-local";

export { databaseKind, sqliteFilePath } from "../../db/database-url";
