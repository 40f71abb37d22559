"use client";
// The address book: who has a name in this wallet, added here or from a payment, kept in this browser only.
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { Button, Card } from "../../ui";
import { useContacts } from "../hooks/use-contacts";
import { ContactForm } from "./contact-form";
import { ContactRow } from "./contact-row";

export function ContactsPanel() {
  const t = useTranslations("contacts");
  const headingId = useId();
  const { contacts, isLoaded } = useContacts();
  const [isAdding, setIsAdding] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  return (
    <Card labelledBy={headingId}>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="text-lg font-semibold">
          {t("title")}
        </h2>
        {!isAdding && (
          <Button
            variant="secondary"
            onClick={() => {
              setSaved(null);
              setIsAdding(true);
            }}
          >
            {t("addOpen")}
          </Button>
        )}
      </div>
      {isAdding && (
        <div className="mb-4 rounded-xl border border-slate-200 p-4">
          <ContactForm
            onSaved={(name) => {
              setSaved(name);
              setIsAdding(false);
            }}
            onCancel={() => setIsAdding(false)}
          />
        </div>
      )}
      <p className="min-h-0 text-sm text-emerald-700" aria-live="polite">
        {saved === null ? "" : t("saved", { name: saved })}
      </p>
      {!isLoaded ? (
        <div className="h-16 animate-pulse rounded-xl bg-slate-100" aria-label={t("loading")} />
      ) : contacts.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">
          {t("empty")}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label={t("listLabel", { count: contacts.length })}>
          {contacts.map((contact) => (
            <ContactRow key={contact.publicKey} contact={contact} />
          ))}
        </ul>
      )}
      <p className="mt-3 text-xs text-slate-600">{t("localOnly")}</p>
    </Card>
  );
}
