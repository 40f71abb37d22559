// Wallets in IndexedDB. The private key is stored as a non-extractable CryptoKey: scripts on this page can
// sign with it, but no script can read it, and it never reaches the server.
import { bytesToHex } from "../ledger/hex";

export type StoredWallet = {
  publicKey: string;
  name: string;
  privateKey: CryptoKey;
  createdAt: string;
};

const databaseName = "chainpay-wallet";
const walletsStore = "wallets";
const ed25519 = { name: "Ed25519" } as const;

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(databaseName, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(walletsStore, { keyPath: "publicKey" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB is unavailable"));
  });
}

async function withStore<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const database = await openDatabase();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = database.transaction(walletsStore, mode);
      const request = action(transaction.objectStore(walletsStore));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? new Error("IndexedDB transaction failed"));
      transaction.onabort = () => reject(transaction.error ?? new Error("IndexedDB transaction aborted"));
    });
  } finally {
    database.close();
  }
}

export async function listWallets(): Promise<StoredWallet[]> {
  const wallets = await withStore("readonly", (store) => store.getAll() as IDBRequest<StoredWallet[]>);
  return wallets.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function saveWallet(wallet: StoredWallet): Promise<void> {
  await withStore("readwrite", (store) => store.put(wallet));
}

export async function deleteWallet(publicKey: string): Promise<void> {
  await withStore("readwrite", (store) => store.delete(publicKey));
}

/** The one moment a new key is extractable: returned here so that it can be backed up, then forgotten. */
export async function createWallet(name: string): Promise<{ wallet: StoredWallet; pkcs8: ArrayBuffer }> {
  const pair = await crypto.subtle.generateKey(ed25519, true, ["sign", "verify"]);
  const pkcs8 = await crypto.subtle.exportKey("pkcs8", pair.privateKey);
  const publicKey = bytesToHex(new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey)));
  const privateKey = await crypto.subtle.importKey("pkcs8", pkcs8, ed25519, false, ["sign"]);
  const wallet: StoredWallet = { publicKey, name, privateKey, createdAt: new Date().toISOString() };
  await saveWallet(wallet);
  return { wallet, pkcs8 };
}

/** Imports a PKCS #8 key (from a backup); its public key is derived, so a mislabelled file cannot lie. */
export async function importWallet(name: string, pkcs8: ArrayBuffer, expectedPublicKey: string): Promise<StoredWallet> {
  const extractable = await crypto.subtle.importKey("pkcs8", pkcs8, ed25519, true, ["sign"]);
  const jwk = await crypto.subtle.exportKey("jwk", extractable);
  const publicKey = base64UrlToHex(jwk.x ?? "");
  if (publicKey !== expectedPublicKey) throw new Error("The key in this backup does not match its account.");
  const privateKey = await crypto.subtle.importKey("pkcs8", pkcs8, ed25519, false, ["sign"]);
  const wallet: StoredWallet = { publicKey, name, privateKey, createdAt: new Date().toISOString() };
  await saveWallet(wallet);
  return wallet;
}

function base64UrlToHex(text: string): string {
  const base64 = text
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(text.length / 4) * 4, "=");
  return bytesToHex(Uint8Array.from(atob(base64), (character) => character.charCodeAt(0)));
}
