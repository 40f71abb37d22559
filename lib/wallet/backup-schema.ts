// What a wallet backup file must be before anything is derived from it. A backup comes from outside the wallet,
// so it is hostile until checked: a file could ask for a weak key derivation (few iterations), one so slow it
// ties up the browser for minutes (billions), another cipher, or an odd salt or IV. Each refusal is a sentence
// the import dialog shows as it is, naming what is wrong.
import { z } from "zod";
import { isSmallOrderKey } from "../ledger/ed25519";
import { hex64Pattern } from "../ledger/hex";
import { contactListSchema, contactNameLengthMax, contactsMax } from "./contacts/contact-rules";

export const backupFormat = "chainpay-wallet-backup";
/** What the wallet writes: OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. A file with fewer is weaker. */
export const pbkdf2IterationsMin = 600_000;
/**
 * About 17 times what the wallet writes: room for a later wallet to raise its count, while deriving the key
 * stays a matter of seconds (600,000 take about half a second here), not the minutes a hostile count would take.
 */
export const pbkdf2IterationsMax = 10_000_000;
/** The wallet writes 16-byte salts; 64 bytes is more than any PBKDF2 salt needs. */
export const saltBytesMin = 16;
export const saltBytesMax = 64;
/** AES-GCM's standard 96-bit IV, the one length that needs no extra hashing and that the wallet writes. */
export const ivBytes = 12;
/** An Ed25519 PKCS #8 key is 48 bytes, plus the 16-byte GCM tag; the bounds leave room, not a megabyte. */
const ciphertextBytesMin = 32;
const ciphertextBytesMax = 256;
export const walletNameLengthMax = 100;
/**
 * A backup without contacts is well under 1 KiB; with the address book's most (contactsMax, each under 600 bytes
 * as the wallet writes it) it stays under 1 MiB. A larger file is not read at all.
 */
export const backupFileBytesMax = 1024 * 1024;

export const notABackupMessage = "This file is not a chainpay wallet backup.";

/** Lowercase hexadecimal of `min` to `max` whole bytes. */
const hexBytes = (min: number, max: number, message: string) =>
  z
    .string(message)
    .regex(/^(?:[0-9a-f]{2})*$/, message)
    .refine((hex) => hex.length >= min * 2 && hex.length <= max * 2, message);

const publicKeySchema = z
  .string("This backup names no public key.")
  .regex(hex64Pattern, "This backup's public key is not 64 lowercase hexadecimal characters.")
  .refine((key) => !isSmallOrderKey(key), "This backup's public key is a weak key that anyone could sign for.");

const iterationsSchema = z
  .number("This backup's iteration count is not a number.")
  .int("This backup's iteration count is not a whole number.")
  .min(
    pbkdf2IterationsMin,
    `This backup's key derivation has fewer than ${pbkdf2IterationsMin.toLocaleString("en-US")} iterations, too weak to be one this wallet wrote.`,
  )
  .max(
    pbkdf2IterationsMax,
    `This backup asks for more than ${pbkdf2IterationsMax.toLocaleString("en-US")} key derivation iterations, too many to run in a browser tab.`,
  );

export const walletBackupSchema = z.strictObject(
  {
    format: z.literal(backupFormat, notABackupMessage),
    version: z.literal(1, "This backup's version is not 1, the only one this wallet reads."),
    name: z
      .string("This backup names no wallet.")
      .min(1, "This backup's wallet name is empty.")
      .max(walletNameLengthMax, `This backup's wallet name is longer than ${walletNameLengthMax} characters.`),
    publicKey: publicKeySchema,
    kdf: z.strictObject(
      {
        name: z.literal("PBKDF2", "This backup's key derivation is not PBKDF2, the only one this wallet uses."),
        hash: z.literal("SHA-256", "This backup's key derivation hash is not SHA-256."),
        iterations: iterationsSchema,
        salt: hexBytes(
          saltBytesMin,
          saltBytesMax,
          `This backup's salt is not ${saltBytesMin} to ${saltBytesMax} bytes of lowercase hexadecimal.`,
        ),
      },
      "This backup has no key derivation settings.",
    ),
    cipher: z.strictObject(
      {
        name: z.literal("AES-GCM", "This backup's cipher is not AES-GCM, the only one this wallet uses."),
        iv: hexBytes(ivBytes, ivBytes, `This backup's IV is not ${ivBytes} bytes of lowercase hexadecimal.`),
      },
      "This backup has no cipher settings.",
    ),
    ciphertext: hexBytes(
      ciphertextBytesMin,
      ciphertextBytesMax,
      "This backup's encrypted key is not lowercase hexadecimal of an encrypted key's length.",
    ),
    // The address book, in the clear beside the encrypted key, but bound to it: it is part of the cipher's
    // associated data (backup.ts), so a file edited to add "Mom" with someone else's key does not restore.
    contacts: contactListSchema.optional(),
  },
  notABackupMessage,
);

export type WalletBackup = z.infer<typeof walletBackupSchema>;

export const tooLargeMessage = `This file is larger than any wallet backup (at most ${backupFileBytesMax / 1024} KiB).`;

export const badContactsMessage = `This backup's contacts are not a list this wallet writes: at most ${contactsMax.toLocaleString("en-US")}, each a valid account key once, with a name of at most ${contactNameLengthMax} characters.`;

export type BackupCheck = { ok: true; backup: WalletBackup } | { ok: false; problem: string };

/** The backup in `value`, or the one sentence that says what is wrong with it. */
export function checkBackup(value: unknown): BackupCheck {
  const result = walletBackupSchema.safeParse(value);
  if (result.success) return { ok: true, backup: result.data };
  const [issue] = result.error.issues;
  if (issue?.path[0] === "contacts") return { ok: false, problem: badContactsMessage };
  if (issue?.code === "unrecognized_keys") {
    return { ok: false, problem: `This backup has fields a chainpay backup never has: ${issue.keys.join(", ")}.` };
  }
  return { ok: false, problem: issue?.message ?? notABackupMessage };
}
