"use client";
// The address book for components (issue 12). One copy of the book is shared by every component that shows it
// (the address book, the picker, each history entry), read again whenever it changes in this tab or another
// (contacts.ts announces changes on a BroadcastChannel), so a name saved anywhere shows everywhere at once.
import { useCallback, useMemo, useSyncExternalStore } from "react";
import { useLocale } from "next-intl";
import {
  listContacts,
  removeContact,
  saveContact,
  subscribeContacts,
  type Contact,
} from "@/lib/wallet/contacts/contacts";
import { sortContacts } from "@/lib/wallet/contacts/contact-rules";

export type ContactsApi = {
  contacts: readonly Contact[];
  /** The contact's name for a key, if it has one. */
  // Properties, not methods: components take them out of the object (`const { nameOf } = useContacts()`).
  nameOf: (publicKey: string) => string | undefined;
  save: (contact: { publicKey: string; name: string }) => Promise<void>;
  remove: (publicKey: string) => Promise<void>;
  /** False until the book has been read once (the UI shows a placeholder, not "no contacts"). */
  isLoaded: boolean;
};

/** Null until the first read has answered; the server (and the first render) sees null too. */
let book: readonly Contact[] | null = null;
const subscribers = new Set<() => void>();
let stopWatching: (() => void) | null = null;
/** Reads can overlap (two changes in a row): only the newest one's answer is kept. */
let readGeneration = 0;

function reload(): void {
  const generation = ++readGeneration;
  listContacts()
    .catch((): Contact[] => [])
    .then((contacts) => {
      if (generation !== readGeneration) return;
      book = contacts;
      for (const subscriber of subscribers) subscriber();
    })
    .catch(() => undefined);
}

function subscribe(callback: () => void): () => void {
  subscribers.add(callback);
  if (stopWatching === null) {
    stopWatching = subscribeContacts(reload);
    reload();
  }
  return () => {
    subscribers.delete(callback);
    if (subscribers.size === 0) {
      stopWatching?.();
      stopWatching = null;
    }
  };
}

const getSnapshot = () => book;
const getServerSnapshot = () => null;

export function useContacts(): ContactsApi {
  const locale = useLocale();
  const stored = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
  const contacts = useMemo(() => sortContacts(stored ?? [], locale), [stored, locale]);
  const names = useMemo(() => new Map(contacts.map((contact) => [contact.publicKey, contact.name])), [contacts]);
  const nameOf = useCallback((publicKey: string) => names.get(publicKey), [names]);
  const save = useCallback(async (contact: { publicKey: string; name: string }) => {
    await saveContact(contact);
  }, []);
  return { contacts, nameOf, save, remove: removeContact, isLoaded: stored !== null };
}
