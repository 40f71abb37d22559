// The contacts ride in the wallet backup beside the encrypted key, bound to it as associated data: a file with
// its list edited does not restore, an old file without contacts still does, and a hostile list is refused with
// one sentence before any key derivation runs.
import { describe, expect, it } from "vitest";
import { BackupError, decryptBackup, encryptBackup, parseBackup, type WalletBackup } from "@/lib/wallet/backup";
import { badContactsMessage, backupFileBytesMax } from "@/lib/wallet/backup-schema";
import { contactNameLengthMax, contactsMax, type Contact } from "@/lib/wallet/contacts/contact-rules";
import { bytesToHex } from "@/lib/ledger/hex";

const passphrase = "correct horse battery staple";
const keyAlice = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
const keyBob = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
const contacts: Contact[] = [
  { publicKey: keyAlice, name: "Alice", addedAt: "2026-12-01T12:00:00.000Z" },
  { publicKey: keyBob, name: "김민지 🍜", addedAt: "2026-12-01T12:05:00.000Z" },
];

const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"]);
const pkcs8 = await crypto.subtle.exportKey("pkcs8", pair.privateKey);
const publicKey = bytesToHex(new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey)));
const withContacts = await encryptBackup({ name: "Wallet 1", publicKey, pkcs8, passphrase, contacts });
const failed = new BackupError("The passphrase is wrong, or the file was changed.");

const roundTrip = (backup: unknown): WalletBackup => parseBackup(JSON.stringify(backup));

// Each case derives a 600,000-iteration PBKDF2 key (about half a second, more on a busy machine).
describe("a backup with contacts", { timeout: 30_000 }, () => {
  it("carries exactly the book's fields, and restores the key and the list", async () => {
    const extra = contacts.map((contact) => ({ ...contact, internal: true }));
    const backup = await encryptBackup({ name: "Wallet 1", publicKey, pkcs8, passphrase, contacts: extra });
    const parsed = roundTrip(backup);
    expect(parsed.contacts).toEqual(contacts);
    expect(new Uint8Array(await decryptBackup(parsed, passphrase))).toEqual(new Uint8Array(pkcs8));
  });

  it("leaves the field out when the book is empty, and such a file restores as before", async () => {
    const backup = await encryptBackup({ name: "Wallet 1", publicKey, pkcs8, passphrase, contacts: [] });
    expect("contacts" in backup).toBe(false);
    expect(new Uint8Array(await decryptBackup(roundTrip(backup), passphrase))).toEqual(new Uint8Array(pkcs8));
  });

  it.each<[string, (list: Contact[]) => Contact[] | undefined]>([
    [
      "a contact's key swapped",
      (list) => [
        { ...list[0]!, publicKey: keyBob },
        { ...list[1]!, publicKey: keyAlice },
      ],
    ],
    ["a contact renamed", (list) => [{ ...list[0]!, name: "Mom" }, list[1]!]],
    [
      "a contact added",
      (list) => [
        ...list,
        {
          publicKey: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
          name: "Eve",
          addedAt: list[0]!.addedAt,
        },
      ],
    ],
    ["a contact removed", (list) => [list[1]!]],
    ["the contacts reordered", (list) => [list[1]!, list[0]!]],
    ["the list removed", () => undefined],
  ])("does not restore with %s", async (_label, edit) => {
    const edited = { ...withContacts, contacts: edit(withContacts.contacts!) };
    if (edited.contacts === undefined) delete edited.contacts;
    await expect(decryptBackup(roundTrip(edited), passphrase)).rejects.toThrow(failed);
  });

  it("does not restore a file without contacts that someone added a list to", async () => {
    const plain = await encryptBackup({ name: "Wallet 1", publicKey, pkcs8, passphrase });
    await expect(decryptBackup(roundTrip({ ...plain, contacts }), passphrase)).rejects.toThrow(failed);
  });

  it.each<[string, unknown]>([
    ["a weak key", [{ ...contacts[0]!, publicKey: "01" + "00".repeat(31) }]],
    ["a key twice", [contacts[0], { ...contacts[1]!, publicKey: keyAlice }]],
    ["a name with a control character", [{ ...contacts[0]!, name: "Al\u202eice" }]],
    ["a name too long", [{ ...contacts[0]!, name: "x".repeat(contactNameLengthMax + 1) }]],
    ["an extra field", [{ ...contacts[0]!, note: "hi" }]],
    ["more than the book holds", Array.from({ length: contactsMax + 1 }, () => contacts[0])],
    ["not a list", "Alice"],
  ])("refuses a list with %s before deriving anything", (_label, list) => {
    expect(() => parseBackup(JSON.stringify({ ...withContacts, contacts: list }))).toThrow(
      new BackupError(badContactsMessage),
    );
  });

  it("fits a full book of long names in the file size limit", async () => {
    const full: Contact[] = Array.from({ length: contactsMax }, (_, index) => ({
      // Distinct keys are not needed for the size: the schema's one-per-key rule is tested above.
      publicKey: keyAlice,
      name: `${"가".repeat(contactNameLengthMax - 4)}${String(index).padStart(4, "0")}`,
      addedAt: "2026-12-01T12:00:00.000Z",
    }));
    const backup = await encryptBackup({ name: "Wallet 1", publicKey, pkcs8, passphrase, contacts: full });
    expect(new TextEncoder().encode(JSON.stringify(backup)).length).toBeLessThan(backupFileBytesMax);
  });
});
