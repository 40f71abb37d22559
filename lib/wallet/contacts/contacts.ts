// The wallet's address book (issue 12): names for public keys, kept in this browser only, in an IndexedDB
// database of its own (the keystore's stays at its version). Every change is one readwrite transaction that reads
// the book and writes it, so two tabs saving at once are serialised by the browser and never lose a contact or
// let two keys share a name. Exported and imported with the wallet backup.
import {
  contactListSchema,
  contactSchema,
  mergeContacts,
  normaliseContactKey,
  normaliseContactName,
  saveProblem,
  type Contact,
  type ContactMerge,
  type ContactProblem,
} from "./contact-rules";

export type { Contact, ContactMerge, ContactProblem };
export { contactNameLengthMax, contactsMax } from "./contact-rules";

/** A contact that cannot be saved, and why (the UI words it). */
export class ContactError extends Error {
  constructor(readonly problem: ContactProblem) {
    super(`contact refused: ${problem}`);
  }
}

const databaseName = "chainpay-contacts";
const contactsStore = "contacts";
/** Tells the other tabs of this site that the book changed; this tab's own listeners are called directly. */
const channelName = "chainpay-contacts";

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(databaseName, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(contactsStore, { keyPath: "publicKey" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB is unavailable"));
  });
}

/**
 * Runs `step` on the whole book inside one transaction: it gets the stored contacts and the store to write to,
 * and its result is the transaction's once that has committed (a throw inside aborts it, writing nothing).
 */
async function withBook<T>(mode: IDBTransactionMode, step: (book: Contact[], store: IDBObjectStore) => T): Promise<T> {
  const database = await openDatabase();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = database.transaction(contactsStore, mode);
      const store = transaction.objectStore(contactsStore);
      let result: { value: T } | { error: unknown } | undefined;
      const all = store.getAll();
      all.onsuccess = () => {
        try {
          result = { value: step(readBook(all.result), store) };
        } catch (error) {
          result = { error };
          transaction.abort();
        }
      };
      transaction.oncomplete = () => {
        if (result !== undefined && "value" in result) resolve(result.value);
        else reject(new Error("The address book could not be read."));
      };
      transaction.onabort = () => {
        const cause = result !== undefined && "error" in result ? result.error : transaction.error;
        reject(cause instanceof Error ? cause : new Error("The address book could not be written."));
      };
    });
  } finally {
    database.close();
  }
}

/** Stored records, each checked again: this origin's storage is the wallet's, but a bad record must not break it. */
function readBook(records: unknown[]): Contact[] {
  return records.flatMap((record) => {
    const parsed = contactSchema.safeParse(record);
    return parsed.success ? [parsed.data] : [];
  });
}

const listeners = new Set<() => void>();
let channel: BroadcastChannel | null = null;

function announceChange(): void {
  for (const listener of listeners) listener();
  channel?.postMessage("changed");
}

/** Calls `listener` whenever the book changes, in this tab or another; returns the unsubscribe. */
export function subscribeContacts(listener: () => void): () => void {
  listeners.add(listener);
  if (channel === null && typeof BroadcastChannel !== "undefined") {
    channel = new BroadcastChannel(channelName);
    channel.onmessage = () => {
      for (const each of listeners) each();
    };
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      channel?.close();
      channel = null;
    }
  };
}

export function listContacts(): Promise<Contact[]> {
  return withBook("readonly", (book) => book);
}

/** Adds or renames the contact for `publicKey`. */
export async function saveContact(contact: { publicKey: string; name: string }): Promise<Contact> {
  const publicKey = normaliseContactKey(contact.publicKey);
  const name = normaliseContactName(contact.name);
  const saved = await withBook("readwrite", (book, store) => {
    const problem = saveProblem(book, { publicKey, name });
    if (problem !== null) throw new ContactError(problem);
    // A rename keeps the date the contact was first added.
    const addedAt = book.find((other) => other.publicKey === publicKey)?.addedAt ?? new Date().toISOString();
    const record: Contact = { publicKey, name, addedAt };
    store.put(record);
    return record;
  });
  announceChange();
  return saved;
}

export async function removeContact(publicKey: string): Promise<void> {
  await withBook("readwrite", (_book, store) => store.delete(normaliseContactKey(publicKey)));
  announceChange();
}

/** A backup's contacts merged into the book (see mergeContacts): the list is checked in full first. */
export async function importContacts(incoming: unknown): Promise<ContactMerge> {
  const list = contactListSchema.parse(incoming);
  const outcome = await withBook("readwrite", (book, store) => {
    const merge = mergeContacts(book, list);
    const known = new Set(book.map((contact) => contact.publicKey));
    for (const contact of merge.contacts) if (!known.has(contact.publicKey)) store.put(contact);
    return merge;
  });
  if (outcome.added > 0) announceChange();
  return outcome;
}
