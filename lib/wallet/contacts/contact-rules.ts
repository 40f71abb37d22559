// What a contact is, checked the same way wherever one comes from: typed in the address book, picked from a
// payment, or read from a backup file (hostile until checked). Pure: the storage and the UI build on it.
import { z } from "zod";
import { accountKeyProblem } from "../../ledger/ed25519";

/** Kept in step with contacts.ts's contract constant (that module re-exports this one). */
export const contactNameLengthMax = 100;
/**
 * An address book is a person's acquaintances, not a directory: a thousand is far more than anyone pays, while
 * a list, a picker and a backup file of that many stay quick to read (a wallet-written entry is under 600 bytes).
 */
export const contactsMax = 1000;

export type Contact = { publicKey: string; name: string; addedAt: string };

/**
 * Why a name or a key cannot be saved: the UI says each in the reader's language. `name_taken`: another key
 * already has this name (two "Alice"s would let one pass for the other); `full`: the book holds contactsMax.
 */
export type ContactProblem =
  | "name_empty"
  | "name_too_long"
  | "name_control_characters"
  | "key_empty"
  | "key_malformed"
  | "key_not_a_point"
  | "key_weak"
  | "name_taken"
  | "full";

/**
 * Control characters, line and paragraph separators, and the bidirectional controls (embeddings, overrides,
 * isolates, marks): they can make a name render as another one ("Bob" shown for a reversed string) or break the
 * layout of a list, and no one's name needs them.
 */
const forbiddenNameCharacters = /[\p{Cc}\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** A name as it is kept: NFC, so that the same name typed on two keyboards is one name, and trimmed. */
export function normaliseContactName(text: string): string {
  return text.normalize("NFC").trim();
}

/** What is wrong with a (normalised) name, or null. Lengths count code points, as the memo's do. */
export function contactNameProblem(name: string): ContactProblem | null {
  if (name === "") return "name_empty";
  if ([...name].length > contactNameLengthMax) return "name_too_long";
  if (forbiddenNameCharacters.test(name)) return "name_control_characters";
  return null;
}

/** A person pastes keys with stray spaces or capitals; the protocol wants exactly 64 lowercase hex digits. */
export function normaliseContactKey(text: string): string {
  return text.trim().toLowerCase();
}

/** What is wrong with a (normalised) key, or null: the ledger's own account rule, weak keys included. */
export function contactKeyProblem(publicKey: string): ContactProblem | null {
  if (publicKey === "") return "key_empty";
  const problem = accountKeyProblem(publicKey);
  if (problem === "malformed") return "key_malformed";
  if (problem === "not_a_point") return "key_not_a_point";
  if (problem === "small_order") return "key_weak";
  return null;
}

/** Names compare without regard to case, so that "alice" cannot sit beside "Alice" for another key. */
export function nameKey(name: string): string {
  return normaliseContactName(name).toLowerCase();
}

/** The first thing that keeps `contact` out of `book` (whose entry for the same key it would replace), or null. */
export function saveProblem(
  book: readonly Contact[],
  contact: { publicKey: string; name: string },
): ContactProblem | null {
  const problem = contactKeyProblem(contact.publicKey) ?? contactNameProblem(contact.name);
  if (problem !== null) return problem;
  const clash = book.find(
    (other) => other.publicKey !== contact.publicKey && nameKey(other.name) === nameKey(contact.name),
  );
  if (clash !== undefined) return "name_taken";
  const isNew = !book.some((other) => other.publicKey === contact.publicKey);
  if (isNew && book.length >= contactsMax) return "full";
  return null;
}

/** One stored or backed-up contact, exactly as this wallet writes it: normalised, valid, nothing more. */
export const contactSchema = z.strictObject({
  publicKey: z.string().refine((key) => contactKeyProblem(key) === null, "not a valid account key"),
  name: z
    .string()
    .max(contactNameLengthMax * 2) // UTF-16 units: at most two per code point; the exact rule follows
    .refine((name) => name === normaliseContactName(name) && contactNameProblem(name) === null, "not a valid name"),
  addedAt: z.iso.datetime(),
});

/** A list of contacts from outside (a backup): bounded, and one entry per key. */
export const contactListSchema = z
  .array(contactSchema)
  .max(contactsMax)
  .refine((list) => new Set(list.map((contact) => contact.publicKey)).size === list.length, "a key appears twice");

export type ContactMerge = {
  contacts: Contact[];
  added: number;
  /** Already in the book under that key: the book's own name is kept, since the person chose it here. */
  alreadyKnown: number;
  /** Left out: another key has that name here, or the book is full. */
  skipped: number;
};

/**
 * `incoming` (a backup's list) merged into `book`: new keys are added, keys the book knows keep the book's name,
 * and nothing is added whose name another key already has or that would grow the book past contactsMax.
 */
export function mergeContacts(book: readonly Contact[], incoming: readonly Contact[]): ContactMerge {
  const merged = [...book];
  let added = 0;
  let alreadyKnown = 0;
  let skipped = 0;
  for (const contact of incoming) {
    if (merged.some((other) => other.publicKey === contact.publicKey)) {
      alreadyKnown++;
    } else if (saveProblem(merged, contact) === null) {
      merged.push(contact);
      added++;
    } else {
      skipped++;
    }
  }
  return { contacts: merged, added, alreadyKnown, skipped };
}

/** The book in the order people look things up: by name, in the reader's language. */
export function sortContacts(contacts: readonly Contact[], locale?: string): Contact[] {
  const collator = new Intl.Collator(locale, { sensitivity: "base", numeric: true });
  return [...contacts].sort((a, b) => collator.compare(a.name, b.name) || a.publicKey.localeCompare(b.publicKey));
}

/** The contacts whose name holds `query` (case and accents aside), for the payment form's picker. */
export function filterContacts(contacts: readonly Contact[], query: string): Contact[] {
  const needle = normaliseContactName(query);
  if (needle === "") return [...contacts];
  const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const foldedNeedle = fold(needle);
  return contacts.filter(
    (contact) => fold(contact.name).includes(foldedNeedle) || contact.publicKey.startsWith(needle.toLowerCase()),
  );
}
