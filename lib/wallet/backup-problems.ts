// Each sentence a backup check refuses with (backup-schema.ts, backup.ts) as a message key with its values, so the
// import dialog says it in the reader's language. The schema keeps its English sentences (the errors' own
// messages, for logs and tests); this table names each one once more, by the same constants.
import {
  backupFileBytesMax,
  badContactsMessage,
  ivBytes,
  notABackupMessage,
  pbkdf2IterationsMax,
  pbkdf2IterationsMin,
  saltBytesMax,
  saltBytesMin,
  tooLargeMessage,
  walletNameLengthMax,
} from "./backup-schema";
import { contactNameLengthMax, contactsMax } from "./contacts/contact-rules";
import { walletMessage, type WalletMessage } from "./wallet-message";

export const wrongPassphraseMessage = "The passphrase is wrong, or the file was changed.";

const keyByMessage = new Map<string, WalletMessage>([
  [notABackupMessage, walletMessage("backup.notABackup")],
  [tooLargeMessage, walletMessage("backup.tooLarge", { kib: backupFileBytesMax / 1024 })],
  [wrongPassphraseMessage, walletMessage("backup.wrongPassphrase")],
  [badContactsMessage, walletMessage("backup.badContacts", { max: contactsMax, nameMax: contactNameLengthMax })],
  ["This backup names no public key.", walletMessage("backup.noPublicKey")],
  ["This backup's public key is not 64 lowercase hexadecimal characters.", walletMessage("backup.publicKeyNotHex")],
  ["This backup's public key is a weak key that anyone could sign for.", walletMessage("backup.weakPublicKey")],
  ["This backup's iteration count is not a number.", walletMessage("backup.iterationsNotNumber")],
  ["This backup's iteration count is not a whole number.", walletMessage("backup.iterationsNotWhole")],
  [
    `This backup's key derivation has fewer than ${pbkdf2IterationsMin.toLocaleString("en-US")} iterations, too weak to be one this wallet wrote.`,
    walletMessage("backup.iterationsTooFew", { min: pbkdf2IterationsMin }),
  ],
  [
    `This backup asks for more than ${pbkdf2IterationsMax.toLocaleString("en-US")} key derivation iterations, too many to run in a browser tab.`,
    walletMessage("backup.iterationsTooMany", { max: pbkdf2IterationsMax }),
  ],
  ["This backup's version is not 1, the only one this wallet reads.", walletMessage("backup.version")],
  ["This backup names no wallet.", walletMessage("backup.noName")],
  ["This backup's wallet name is empty.", walletMessage("backup.emptyName")],
  [
    `This backup's wallet name is longer than ${walletNameLengthMax} characters.`,
    walletMessage("backup.nameTooLong", { max: walletNameLengthMax }),
  ],
  ["This backup's key derivation is not PBKDF2, the only one this wallet uses.", walletMessage("backup.kdfName")],
  ["This backup's key derivation hash is not SHA-256.", walletMessage("backup.kdfHash")],
  [
    `This backup's salt is not ${saltBytesMin} to ${saltBytesMax} bytes of lowercase hexadecimal.`,
    walletMessage("backup.salt", { min: saltBytesMin, max: saltBytesMax }),
  ],
  ["This backup has no key derivation settings.", walletMessage("backup.noKdf")],
  ["This backup's cipher is not AES-GCM, the only one this wallet uses.", walletMessage("backup.cipherName")],
  [
    `This backup's IV is not ${ivBytes} bytes of lowercase hexadecimal.`,
    walletMessage("backup.iv", { bytes: ivBytes }),
  ],
  ["This backup has no cipher settings.", walletMessage("backup.noCipher")],
  [
    "This backup's encrypted key is not lowercase hexadecimal of an encrypted key's length.",
    walletMessage("backup.ciphertext"),
  ],
]);

/** Every fixed sentence the backup checks say, for the test that each has its message in every language. */
export const backupSentences: readonly string[] = [...keyByMessage.keys()];

const unknownFieldsPrefix = "This backup has fields a chainpay backup never has: ";

/** The message key of one of the backup checks' sentences; an unknown sentence is "not a backup". */
export function backupProblemOf(message: string): WalletMessage {
  if (message.startsWith(unknownFieldsPrefix)) {
    return walletMessage("backup.unknownFields", { fields: message.slice(unknownFieldsPrefix.length, -1) });
  }
  return keyByMessage.get(message) ?? walletMessage("backup.notABackup");
}
