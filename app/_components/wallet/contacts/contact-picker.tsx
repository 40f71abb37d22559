"use client";
// The payment form's contact picker, beside the payee field: a button opens a list of contacts filtered by what
// is typed (the ARIA combobox pattern: arrows move, Enter picks, Escape closes), and picking fills in the key.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslations } from "next-intl";
import { filterContacts } from "@/lib/wallet/contacts/contact-rules";
import { shortKey } from "@/lib/wallet/format";
import { Button, inputClass } from "../../ui";
import { useContacts } from "../hooks/use-contacts";

export function ContactPicker({ onPick }: { onPick: (publicKey: string) => void }) {
  const t = useTranslations("contacts.picker");
  const id = useId();
  const { contacts, isLoaded } = useContacts();
  const [isOpen, setIsOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [activeIndex, setActiveIndex] = useState(0);
  const rootRef = useRef<HTMLDivElement>(null);
  const matches = filterContacts(contacts, query);
  const active = matches[Math.min(activeIndex, matches.length - 1)];

  // A press outside closes the list, as a native select's does.
  useEffect(() => {
    if (!isOpen) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setIsOpen(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [isOpen]);

  function close() {
    setIsOpen(false);
    rootRef.current?.querySelector<HTMLButtonElement>("button[aria-haspopup]")?.focus();
  }

  function pick(publicKey: string) {
    onPick(publicKey);
    close();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const last = matches.length - 1;
    if (event.key === "ArrowDown") setActiveIndex((index) => Math.min(index + 1, last));
    else if (event.key === "ArrowUp") setActiveIndex((index) => Math.max(index - 1, 0));
    else if (event.key === "Home") setActiveIndex(0);
    else if (event.key === "End") setActiveIndex(Math.max(last, 0));
    else if (event.key === "Enter" && active !== undefined) pick(active.publicKey);
    else if (event.key === "Escape") close();
    else return;
    event.preventDefault();
  }

  return (
    <div ref={rootRef} className="relative shrink-0">
      <Button
        variant="secondary"
        aria-haspopup="listbox"
        aria-expanded={isOpen}
        aria-controls={isOpen ? `${id}-popup` : undefined}
        disabled={!isLoaded}
        onClick={() => {
          setQuery("");
          setActiveIndex(0);
          setIsOpen((open) => !open);
        }}
      >
        {t("open")}
      </Button>
      {isOpen && (
        <div
          id={`${id}-popup`}
          className="absolute right-0 z-20 mt-2 w-[min(20rem,calc(100vw-3rem))] space-y-2 rounded-xl border border-slate-200 bg-white p-3 shadow-lg"
        >
          <label htmlFor={`${id}-filter`} className="block text-sm font-medium text-slate-800">
            {t("filterLabel")}
          </label>
          <input
            id={`${id}-filter`}
            role="combobox"
            aria-expanded="true"
            aria-controls={`${id}-list`}
            aria-autocomplete="list"
            aria-activedescendant={active === undefined ? undefined : `${id}-option-${active.publicKey}`}
            className={inputClass}
            value={query}
            autoComplete="off"
            // Opening the picker is asking to look someone up.
            autoFocus
            onChange={(event) => {
              setQuery(event.target.value);
              setActiveIndex(0);
            }}
            onKeyDown={onKeyDown}
          />
          <ul id={`${id}-list`} role="listbox" aria-label={t("listLabel")} className="max-h-60 overflow-y-auto">
            {matches.map((contact) => (
              <li
                key={contact.publicKey}
                id={`${id}-option-${contact.publicKey}`}
                role="option"
                aria-selected={contact === active}
                className={`cursor-pointer rounded-lg px-2 py-2 ${contact === active ? "bg-indigo-50 text-indigo-900" : "text-slate-900"}`}
                onPointerDown={(event) => event.preventDefault()}
                onClick={() => pick(contact.publicKey)}
                onMouseMove={() => setActiveIndex(matches.indexOf(contact))}
              >
                <span className="block text-sm font-medium wrap-anywhere">{contact.name}</span>
                <span className="block font-mono text-xs text-slate-600">{shortKey(contact.publicKey)}</span>
              </li>
            ))}
          </ul>
          {matches.length === 0 && (
            <p className="px-2 py-1 text-sm text-slate-600" role="status">
              {contacts.length === 0 ? t("none") : t("noMatch")}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

/** Under the payee field: whose key is typed in, when the book knows it. */
export function PayeeName({ publicKey, fallback }: { publicKey: string; fallback: string }) {
  const t = useTranslations("contacts.picker");
  const { nameOf } = useContacts();
  const name = nameOf(publicKey.trim().toLowerCase());
  return <>{name === undefined ? fallback : t("paying", { name })}</>;
}
