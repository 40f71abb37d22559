// The session generation: a value in the database that every admin session carries. Replacing it ends every
// session made before, in every process at once (each check reads it; nothing caches it), which is how signing
// out and a password change end sessions although the cookies themselves stay validly signed.
import "server-only";
import { createHmac, randomBytes, scryptSync } from "node:crypto";
import type { LedgerStore } from "../../db/ledger-store";
import type { NodeConfig } from "../node/env";
import { loadPasswordFingerprintInput } from "./admin-credentials";

export const sessionGenerationSetting = "admin.sessionGeneration";
export const passwordFingerprintSetting = "admin.passwordFingerprint";

/** Before anything has been stored (a store prepared before this setting existed): sessions made then carry it. */
const initialGeneration = "0";

type SettingsReader = Pick<LedgerStore, "readSetting">;
type SettingsStore = Pick<LedgerStore, "readSetting" | "writeSetting">;

export async function readSessionGeneration(store: SettingsReader): Promise<string> {
  return (await store.readSetting(sessionGenerationSetting)) ?? initialGeneration;
}

/**
 * Ends every admin session: a new random generation, not a counter, so that two processes ending sessions at
 * once need no read-modify-write between them (whichever write lands, both old generations are gone).
 */
export async function endAllSessions(store: SettingsStore): Promise<void> {
  await store.writeSetting(sessionGenerationSetting, randomBytes(16).toString("hex"));
}

/**
 * A keyed fingerprint of the admin password, to tell at start whether it changed. Keyed with the session secret,
 * which never leaves DATA_DIR, so that the database alone says nothing about the password; ADMIN_PASSWORD goes
 * through scrypt first (with a salt made from that secret, so that it is the same at every start), so that even
 * with the secret a guess costs as much as against the password file. The file is fingerprinted by its salt
 * and hash: writing a new file is a new password.
 */
export function passwordFingerprint(config: NodeConfig): string {
  const { sessionSecret, password, passwordFile } = loadPasswordFingerprintInput(config);
  const keyed = createHmac("sha256", sessionSecret);
  if (password !== undefined) {
    const salt = createHmac("sha256", sessionSecret).update("chainpay admin password fingerprint salt").digest();
    keyed.update("ADMIN_PASSWORD\0").update(scryptSync(password, salt, 32, { N: 2 ** 15, r: 8, maxmem: 2 ** 26 }));
  } else {
    keyed.update("admin-password.json\0").update(passwordFile);
  }
  return keyed.digest("hex");
}

/**
 * At start: when the admin password is not the one the stored fingerprint was made from (ADMIN_PASSWORD set to
 * another, or admin-password.json replaced), every session made with the old one ends. True when it did.
 */
export async function endSessionsIfPasswordChanged(store: SettingsStore, config: NodeConfig): Promise<boolean> {
  const fingerprint = passwordFingerprint(config);
  if ((await store.readSetting(passwordFingerprintSetting)) === fingerprint) return false;
  await endAllSessions(store);
  await store.writeSetting(passwordFingerprintSetting, fingerprint);
  return true;
}
