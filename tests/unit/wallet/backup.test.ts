// A wallet backup is checked in full before anything is derived from it: each bad setting is refused with the
// sentence the import dialog shows, no key derivation runs for it, and a good backup restores the very key.
import { afterEach, describe, expect, it, vi } from "vitest";
import { BackupError, decryptBackup, encryptBackup, parseBackup, type WalletBackup } from "@/lib/wallet/backup";
import { backupFileBytesMax } from "@/lib/wallet/backup-schema";
import { bytesToHex } from "@/lib/ledger/hex";

const passphrase = "correct horse battery staple";

async function makeBackup(): Promise<{ backup: WalletBackup; pkcs8: ArrayBuffer }> {
  const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"]);
  const pkcs8 = await crypto.subtle.exportKey("pkcs8", pair.privateKey);
  const publicKey = bytesToHex(new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey)));
  return { backup: await encryptBackup({ name: "Wallet 1", publicKey, pkcs8, passphrase }), pkcs8 };
}

const { backup: good, pkcs8: goodKey } = await makeBackup();

afterEach(() => vi.restoreAllMocks());

describe("a backup round trip", () => {
  it("writes the settings it checks for, and restores the same PKCS #8 key from the file's text", async () => {
    expect(good.kdf).toMatchObject({ name: "PBKDF2", hash: "SHA-256", iterations: 600_000 });
    expect(good.kdf.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(good.cipher.iv).toMatch(/^[0-9a-f]{24}$/);
    const parsed = parseBackup(JSON.stringify(good));
    expect(parsed).toEqual(good);
    expect(new Uint8Array(await decryptBackup(parsed, passphrase))).toEqual(new Uint8Array(goodKey));
  });

  it("accepts the highest iteration count it allows", () => {
    const backup = { ...good, kdf: { ...good.kdf, iterations: 10_000_000 } };
    expect(parseBackup(JSON.stringify(backup))).toEqual(backup);
  });

  it("refuses a wrong passphrase, and a file whose public key was swapped for another", async () => {
    await expect(decryptBackup(good, "another passphrase")).rejects.toThrow(
      new BackupError("The passphrase is wrong, or the file was changed."),
    );
    const other = (await makeBackup()).backup;
    await expect(decryptBackup({ ...good, publicKey: other.publicKey }, passphrase)).rejects.toThrow(
      new BackupError("The passphrase is wrong, or the file was changed."),
    );
  });
});

/** `good` with one setting changed (undefined removes it), as a hostile or damaged file would have it. */
function edited(change: (backup: Record<string, unknown>) => void): Record<string, unknown> {
  const backup = structuredClone(good) as unknown as Record<string, unknown>;
  change(backup);
  return backup;
}
const kdf = (backup: Record<string, unknown>) => backup.kdf as Record<string, unknown>;
const cipher = (backup: Record<string, unknown>) => backup.cipher as Record<string, unknown>;
const smallOrderKey = "01" + "00".repeat(31);

describe("a backup that is refused before anything is derived", () => {
  it.each<[string, (backup: Record<string, unknown>) => void, string]>([
    ["another format", (b) => (b.format = "some-other-wallet"), "This file is not a chainpay wallet backup."],
    ["another version", (b) => (b.version = 2), "This backup's version is not 1, the only one this wallet reads."],
    [
      "another key derivation",
      (b) => (kdf(b).name = "scrypt"),
      "This backup's key derivation is not PBKDF2, the only one this wallet uses.",
    ],
    ["another hash", (b) => (kdf(b).hash = "SHA-1"), "This backup's key derivation hash is not SHA-256."],
    [
      "too few iterations",
      (b) => (kdf(b).iterations = 599_999),
      "This backup's key derivation has fewer than 600,000 iterations, too weak to be one this wallet wrote.",
    ],
    [
      "one iteration",
      (b) => (kdf(b).iterations = 1),
      "This backup's key derivation has fewer than 600,000 iterations, too weak to be one this wallet wrote.",
    ],
    [
      "too many iterations",
      (b) => (kdf(b).iterations = 10_000_001),
      "This backup asks for more than 10,000,000 key derivation iterations, too many to run in a browser tab.",
    ],
    [
      "a fractional iteration count",
      (b) => (kdf(b).iterations = 600_000.5),
      "This backup's iteration count is not a whole number.",
    ],
    [
      "an iteration count as a string",
      (b) => (kdf(b).iterations = "600000"),
      "This backup's iteration count is not a number.",
    ],
    [
      "a short salt",
      (b) => (kdf(b).salt = "00".repeat(15)),
      "This backup's salt is not 16 to 64 bytes of lowercase hexadecimal.",
    ],
    [
      "a long salt",
      (b) => (kdf(b).salt = "00".repeat(65)),
      "This backup's salt is not 16 to 64 bytes of lowercase hexadecimal.",
    ],
    [
      "a salt that is not hex",
      (b) => (kdf(b).salt = "zz".repeat(16)),
      "This backup's salt is not 16 to 64 bytes of lowercase hexadecimal.",
    ],
    [
      "another cipher",
      (b) => (cipher(b).name = "AES-CBC"),
      "This backup's cipher is not AES-GCM, the only one this wallet uses.",
    ],
    [
      "a short IV",
      (b) => (cipher(b).iv = "00".repeat(11)),
      "This backup's IV is not 12 bytes of lowercase hexadecimal.",
    ],
    [
      "a long IV",
      (b) => (cipher(b).iv = "00".repeat(16)),
      "This backup's IV is not 12 bytes of lowercase hexadecimal.",
    ],
    [
      "an IV of an odd number of digits",
      (b) => (cipher(b).iv = "0".repeat(23)),
      "This backup's IV is not 12 bytes of lowercase hexadecimal.",
    ],
    [
      "a public key of the wrong length",
      (b) => (b.publicKey = "ab".repeat(31)),
      "This backup's public key is not 64 lowercase hexadecimal characters.",
    ],
    [
      "a public key in capitals",
      (b) => (b.publicKey = (b.publicKey as string).toUpperCase()),
      "This backup's public key is not 64 lowercase hexadecimal characters.",
    ],
    [
      "a small-order public key",
      (b) => (b.publicKey = smallOrderKey),
      "This backup's public key is a weak key that anyone could sign for.",
    ],
    ["no public key", (b) => delete b.publicKey, "This backup names no public key."],
    [
      "a ciphertext too long for a key",
      (b) => (b.ciphertext = "00".repeat(257)),
      "This backup's encrypted key is not lowercase hexadecimal of an encrypted key's length.",
    ],
    ["no key derivation settings", (b) => delete b.kdf, "This backup has no key derivation settings."],
    ["no cipher settings", (b) => delete b.cipher, "This backup has no cipher settings."],
    [
      "an unknown setting",
      (b) => (kdf(b).memoryCost = 1),
      "This backup has fields a chainpay backup never has: memoryCost.",
    ],
    ["an empty name", (b) => (b.name = ""), "This backup's wallet name is empty."],
  ])("%s", async (_, change, message) => {
    const deriveKey = vi.spyOn(crypto.subtle, "deriveKey");
    const backup = edited(change);
    expect(() => parseBackup(JSON.stringify(backup))).toThrow(new BackupError(message));
    // Even handed straight to decryption, the file's settings are checked before any key is derived.
    await expect(decryptBackup(backup as WalletBackup, passphrase)).rejects.toThrow(new BackupError(message));
    expect(deriveKey).not.toHaveBeenCalled();
  });

  it.each([
    ["text that is not JSON", "not json {", "This file is not a chainpay wallet backup."],
    ["JSON that is not an object", "[1, 2]", "This file is not a chainpay wallet backup."],
    ["an empty object", "{}", "This file is not a chainpay wallet backup."],
    [
      "a file larger than any backup",
      JSON.stringify({ ...good, name: "x".repeat(backupFileBytesMax) }),
      "This file is larger than any wallet backup (at most 1024 KiB).",
    ],
  ])("%s", (_, text, message) => {
    expect(() => parseBackup(text)).toThrow(new BackupError(message));
  });
});
