// The admin's credentials: the password, kept only as its scrypt hash, and the secret that signs session
// cookies. `prepareNode` makes them in DATA_DIR on first start; the server loads them once per process.
import "server-only";
import { chmodSync, existsSync, linkSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { NodeConfig } from "../node/env";

/** scrypt at N=2^15, r=8, p=1 (RFC 7914's interactive-login cost): about 32 MiB and 0.1 s per check. */
const scryptCost = { N: 2 ** 15, r: 8, p: 1 } as const;
const saltBytes = 16;
const hashBytes = 32;
const sessionSecretBytes = 32;
/** A generated password: 15 random bytes are 120 bits, exactly 20 base64url characters. */
const generatedPasswordBytes = 15;

type ScryptCost = { N: number; r: number; p: number };

export type PasswordHash = { scrypt: ScryptCost; salt: Buffer; hash: Buffer };

export type AdminCredentials = { passwordHash: PasswordHash; sessionSecret: Buffer };

const passwordFileName = "admin-password.json";
const sessionSecretFileName = "session-secret";

// The stored cost is bounded so that an edited file cannot make each sign-in take gigabytes.
const passwordFileSchema = z.strictObject({
  version: z.literal(1),
  scrypt: z.strictObject({
    N: z
      .number()
      .int()
      .min(2 ** 14)
      .max(2 ** 20)
      .refine((n) => (n & (n - 1)) === 0, "must be a power of two"),
    r: z.number().int().min(1).max(16),
    p: z.number().int().min(1).max(4),
  }),
  // At least 16 bytes of salt and of hash, in base64url.
  salt: z.base64url().min(22),
  hash: z.base64url().min(22),
});

/** Node refuses scrypt above `maxmem`; 128·N·r bytes is what it needs, and twice that leaves room for overhead. */
function scryptOptions(cost: ScryptCost) {
  return { ...cost, maxmem: 2 * 128 * cost.N * cost.r };
}

function hashPassword(password: string): PasswordHash {
  const salt = randomBytes(saltBytes);
  return { scrypt: { ...scryptCost }, salt, hash: scryptSync(password, salt, hashBytes, scryptOptions(scryptCost)) };
}

/**
 * Whether `password` is the admin's. scrypt runs off the event loop (libuv's thread pool), so a sign-in never
 * stalls the sealer, and always runs in full: a wrong password takes as long as the right one.
 */
export async function verifyAdminPassword(passwordHash: PasswordHash, password: string): Promise<boolean> {
  const candidate = await new Promise<Buffer>((resolve, reject) => {
    scrypt(password, passwordHash.salt, passwordHash.hash.length, scryptOptions(passwordHash.scrypt), (error, key) =>
      error === null ? resolve(key) : reject(error),
    );
  });
  return timingSafeEqual(candidate, passwordHash.hash);
}

/**
 * Writes `contents` only if the file does not exist yet; true when this call wrote it. The contents go to a
 * file of this process's own first and are then linked into place, which fails if the name is taken: two
 * processes starting together keep whichever file was linked first, and neither ever reads a half-written one.
 */
function writeOnce(file: string, contents: string | Buffer): boolean {
  let isWritten = false;
  if (!existsSync(file)) {
    const ownFile = `${file}.${process.pid}-${randomBytes(6).toString("hex")}.tmp`;
    writeFileSync(ownFile, contents, { flag: "wx", mode: 0o600 });
    try {
      linkSync(ownFile, file);
      isWritten = true;
    } catch (error) {
      if ((error as { code?: string }).code !== "EEXIST") throw error;
    } finally {
      unlinkSync(ownFile);
    }
  }
  chmodSync(file, 0o600);
  return isWritten;
}

/**
 * Makes the session secret, and, unless ADMIN_PASSWORD is set, an admin password: returns that password's
 * plaintext to the one call that made it, so that it is shown once, and null on every later start.
 */
export function prepareAdminCredentials(config: NodeConfig): { newAdminPassword: string | null } {
  const secretFile = path.join(config.dataDir, sessionSecretFileName);
  writeOnce(secretFile, randomBytes(sessionSecretBytes));
  // Each file is read back now, so that a damaged one stops the start with its name, not the first sign-in.
  readSessionSecret(secretFile);
  if (config.adminPassword !== undefined) return { newAdminPassword: null };
  const passwordFile = path.join(config.dataDir, passwordFileName);
  if (existsSync(passwordFile)) {
    readPasswordFile(passwordFile);
    return { newAdminPassword: null };
  }
  const password = randomBytes(generatedPasswordBytes).toString("base64url");
  const { scrypt: cost, salt, hash } = hashPassword(password);
  const stored = { version: 1, scrypt: cost, salt: salt.toString("base64url"), hash: hash.toString("base64url") };
  const isWritten = writeOnce(passwordFile, `${JSON.stringify(stored, null, 2)}\n`);
  return { newAdminPassword: isWritten ? password : null };
}

function readPasswordFile(file: string): PasswordHash {
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: set ADMIN_PASSWORD, or start the node with \`npm start\` to make a password.`);
  }
  let contents: unknown;
  try {
    contents = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    contents = null;
  }
  const parsed = passwordFileSchema.safeParse(contents);
  if (!parsed.success)
    throw new Error(`${file} is damaged: delete it and restart the node to make a new admin password.`);
  return {
    scrypt: parsed.data.scrypt,
    salt: Buffer.from(parsed.data.salt, "base64url"),
    hash: Buffer.from(parsed.data.hash, "base64url"),
  };
}

function readSessionSecret(file: string): Buffer {
  if (!existsSync(file))
    throw new Error(`${file} is missing: start the node with \`npm start\` (or run \`npm run db:deploy\`).`);
  const secret = readFileSync(file);
  if (secret.length !== sessionSecretBytes) {
    throw new Error(
      `${file} must hold ${sessionSecretBytes} bytes: delete it and restart the node (this signs every admin out).`,
    );
  }
  return secret;
}

/** The session secret alone, for proxy.ts: it checks a session's signature before any page renders. */
export function loadSessionSecret(dataDir: string): Buffer {
  return readSessionSecret(path.join(dataDir, sessionSecretFileName));
}

/** What the password's fingerprint is made from (session-generation.ts): ADMIN_PASSWORD, or the password file. */
export function loadPasswordFingerprintInput(config: NodeConfig): {
  sessionSecret: Buffer;
  password: string | undefined;
  passwordFile: Buffer;
} {
  const sessionSecret = readSessionSecret(path.join(config.dataDir, sessionSecretFileName));
  if (config.adminPassword !== undefined)
    return { sessionSecret, password: config.adminPassword, passwordFile: Buffer.alloc(0) };
  const { salt, hash } = readPasswordFile(path.join(config.dataDir, passwordFileName));
  return { sessionSecret, password: undefined, passwordFile: Buffer.concat([salt, hash]) };
}

/** ADMIN_PASSWORD, when set, is hashed here in memory and the password file is not read. */
export function loadAdminCredentials(config: NodeConfig): AdminCredentials {
  const sessionSecret = readSessionSecret(path.join(config.dataDir, sessionSecretFileName));
  const passwordHash =
    config.adminPassword === undefined
      ? readPasswordFile(path.join(config.dataDir, passwordFileName))
      : hashPassword(config.adminPassword);
  return { passwordHash, sessionSecret };
}
