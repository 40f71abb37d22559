"use client";
// Adding a contact: a name and a key, checked as the book will check them, with the reason under its field.
// Used in the address book (both fields) and from a payment in the history (the key is given, only the name asked).
import { useId, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { shortKey } from "@/lib/wallet/format";
import { normaliseContactKey, normaliseContactName, saveProblem } from "@/lib/wallet/contacts/contact-rules";
import { Button, Field, inputClass } from "../../ui";
import { useContacts } from "../hooks/use-contacts";
import { useContactProblemText, type ContactField } from "./use-contact-problem";

export function ContactForm({
  givenKey,
  onSaved,
  onCancel,
}: {
  /** The key is known (a payment's counterparty): only the name is asked for. */
  givenKey?: string;
  onSaved?: (name: string) => void;
  onCancel?: () => void;
}) {
  const t = useTranslations("contacts");
  const id = useId();
  const { contacts, save } = useContacts();
  const problemText = useContactProblemText();
  const [name, setName] = useState("");
  const [publicKey, setPublicKey] = useState(givenKey ?? "");
  const [error, setError] = useState<{ field: ContactField | "form"; message: string } | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const errorOf = (field: ContactField) => (error?.field === field ? error.message : null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const contact = { publicKey: normaliseContactKey(publicKey), name: normaliseContactName(name) };
    const problem = saveProblem(contacts, contact);
    if (problem !== null) {
      const shown = problemText(problem);
      setError(shown);
      document.getElementById(`${id}-${shown.field === "form" ? "name" : shown.field}`)?.focus();
      return;
    }
    setIsSaving(true);
    try {
      await save(contact);
      setError(null);
      setName("");
      if (givenKey === undefined) setPublicKey("");
      onSaved?.(contact.name);
    } catch (caught) {
      setError(problemText(caught));
    } finally {
      setIsSaving(false);
    }
  }

  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)} className="space-y-3" aria-label={t("addFormLabel")}>
      <Field id={`${id}-name`} label={t("nameLabel")} error={errorOf("name")}>
        <input
          id={`${id}-name`}
          className={inputClass}
          value={name}
          autoComplete="off"
          maxLength={200}
          aria-invalid={errorOf("name") !== null}
          aria-describedby={`${id}-name-message`}
          onChange={(event) => {
            setName(event.target.value);
            if (error?.field === "name") setError(null);
          }}
        />
      </Field>
      {givenKey === undefined ? (
        <Field id={`${id}-publicKey`} label={t("keyLabel")} error={errorOf("publicKey")} hint={t("keyHint")}>
          <input
            id={`${id}-publicKey`}
            className={`${inputClass} font-mono`}
            value={publicKey}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={errorOf("publicKey") !== null}
            aria-describedby={`${id}-publicKey-message`}
            onChange={(event) => {
              setPublicKey(event.target.value);
              if (error?.field === "publicKey") setError(null);
            }}
          />
        </Field>
      ) : (
        <p className="text-sm text-slate-700">
          {t("forKey")}{" "}
          <code className="font-mono" title={givenKey}>
            {shortKey(givenKey)}
          </code>
        </p>
      )}
      <p role="alert" className="min-h-5 text-sm text-rose-700">
        {error?.field === "form" ? error.message : ""}
      </p>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        {onCancel !== undefined && (
          <Button variant="ghost" onClick={onCancel}>
            {t("cancel")}
          </Button>
        )}
        <Button type="submit" variant={givenKey === undefined ? "secondary" : "primary"} isBusy={isSaving}>
          {t("add")}
        </Button>
      </div>
    </form>
  );
}
