// The wallet backup: the private key (PKCS #8) encrypted with AES-256-GCM under a key derived from a
// passphrase with PBKDF2-SHA-256. Everything is WebCrypto; nothing leaves the browser but the file itself.
import { bytesToHex, hexToBytes } from "../ledger/hex";
import type { Contact } from "./contacts/contact-rules";
import {
  backupFileBytesMax,
  backupFormat,
  checkBackup,
  notABackupMessage,
  pbkdf2IterationsMin,
  tooLargeMessage,
  type WalletBackup,
} from "./backup-schema";
import { backupProblemOf, wrongPassphraseMessage } from "./backup-problems";
import type { WalletMessage } from "./wallet-message";

export type { WalletBackup };
export const passphraseLengthMin = 10;

async function deriveKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(passphrase.normalize("NFC")),
    "PBKDF2",
    false,
    ["deriveKey"],
  );
  return crypto.subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

/**
 * The public key authenticates the ciphertext as additional data: a file edited to name another key fails. So do
 * the contacts, when the file has any (a file without them has the same data as before contacts existed, so older
 * backups still restore): a list edited, added or removed fails as a wrong passphrase does.
 */
function associatedData(publicKey: string, contacts: readonly Contact[] | undefined): Uint8Array<ArrayBuffer> {
  const base = `${backupFormat}:1:${publicKey}`;
  if (contacts === undefined) return new TextEncoder().encode(base);
  // Tuples in a fixed order: the bytes do not depend on how a JSON parser orders an object's keys.
  const list = JSON.stringify(contacts.map((contact) => [contact.publicKey, contact.name, contact.addedAt]));
  return new TextEncoder().encode(`${base}:contacts:${list}`);
}

export async function encryptBackup(input: {
  name: string;
  publicKey: string;
  pkcs8: ArrayBuffer;
  passphrase: string;
  /** The address book to carry along; none (or an empty one) leaves the field out. */
  contacts?: readonly Contact[];
}): Promise<WalletBackup> {
  // Exactly the fields a backup's schema allows, whatever else a caller's objects carry.
  const contacts =
    input.contacts === undefined || input.contacts.length === 0
      ? undefined
      : input.contacts.map(({ publicKey, name, addedAt }) => ({ publicKey, name, addedAt }));
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await deriveKey(input.passphrase, salt, pbkdf2IterationsMin);
  const ciphertext = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: associatedData(input.publicKey, contacts) },
    key,
    input.pkcs8,
  );
  return {
    format: backupFormat,
    version: 1,
    name: input.name,
    publicKey: input.publicKey,
    kdf: { name: "PBKDF2", hash: "SHA-256", iterations: pbkdf2IterationsMin, salt: bytesToHex(salt) },
    cipher: { name: "AES-GCM", iv: bytesToHex(iv) },
    ciphertext: bytesToHex(new Uint8Array(ciphertext)),
    ...(contacts === undefined ? {} : { contacts }),
  };
}

/** A refused backup: `message` in English, `problem` as the message key the import dialog translates. */
export class BackupError extends Error {
  readonly problem: WalletMessage = backupProblemOf(this.message);
}

/** A backup file's text, checked in full (walletBackupSchema) before anything is derived from it. */
export function parseBackup(text: string): WalletBackup {
  // A string has at most as many UTF-16 units as its UTF-8 file has bytes.
  if (text.length > backupFileBytesMax) throw new BackupError(tooLargeMessage);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BackupError(notABackupMessage);
  }
  const checked = checkBackup(value);
  if (!checked.ok) throw new BackupError(checked.problem);
  return checked.backup;
}

/** The PKCS #8 private key inside a backup; a wrong passphrase or an altered file fails the same way. */
export async function decryptBackup(backup: WalletBackup, passphrase: string): Promise<ArrayBuffer> {
  // Checked again here, so that no caller can derive a key from settings nobody checked.
  const checked = checkBackup(backup);
  if (!checked.ok) throw new BackupError(checked.problem);
  try {
    const key = await deriveKey(passphrase, hexToBytes(backup.kdf.salt), backup.kdf.iterations);
    return await crypto.subtle.decrypt(
      {
        name: "AES-GCM",
        iv: hexToBytes(backup.cipher.iv),
        additionalData: associatedData(backup.publicKey, backup.contacts),
      },
      key,
      hexToBytes(backup.ciphertext),
    );
  } catch {
    throw new BackupError(wrongPassphraseMessage);
  }
}
