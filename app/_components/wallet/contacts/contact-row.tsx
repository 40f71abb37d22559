"use client";
// One contact in the address book: its name and short key, renamed in place, removed after a second press.
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import type { Contact } from "@/lib/wallet/contacts/contacts";
import { normaliseContactName, saveProblem } from "@/lib/wallet/contacts/contact-rules";
import { shortKey } from "@/lib/wallet/format";
import { CopyButton } from "../../copy-button";
import { Button, inputClass } from "../../ui";
import { useContacts } from "../hooks/use-contacts";
import { useContactProblemText } from "./use-contact-problem";

type Mode = "view" | "rename" | "confirm-remove";

export function ContactRow({ contact }: { contact: Contact }) {
  const t = useTranslations("contacts");
  const id = useId();
  const { contacts, save, remove } = useContacts();
  const problemText = useContactProblemText();
  const [mode, setMode] = useState<Mode>("view");
  const [draft, setDraft] = useState(contact.name);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const rowRef = useRef<HTMLLIElement>(null);
  /** Where the keyboard goes after a change of mode: the second press, or back to the button that left. */
  const focusTarget = useRef<string | null>(null);
  useEffect(() => {
    if (focusTarget.current === null) return;
    rowRef.current?.querySelector<HTMLElement>(`[data-focus="${focusTarget.current}"]`)?.focus();
    focusTarget.current = null;
  }, [mode]);
  const switchTo = (next: Mode, focus: string | null) => {
    focusTarget.current = focus;
    setMode(next);
  };

  async function onRename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = normaliseContactName(draft);
    const problem = saveProblem(contacts, { publicKey: contact.publicKey, name });
    if (problem !== null) {
      setError(problemText(problem).message);
      return;
    }
    setIsBusy(true);
    try {
      await save({ publicKey: contact.publicKey, name });
      switchTo("view", "rename");
      setError(null);
    } catch (caught) {
      setError(problemText(caught).message);
    } finally {
      setIsBusy(false);
    }
  }

  async function onRemove() {
    setIsBusy(true);
    try {
      await remove(contact.publicKey);
    } catch (caught) {
      setError(problemText(caught).message);
      setIsBusy(false);
    }
  }

  if (mode === "rename") {
    return (
      <li ref={rowRef} className="py-3">
        <form noValidate onSubmit={(event) => void onRename(event)} className="space-y-2">
          <label htmlFor={`${id}-name`} className="block text-sm font-medium text-slate-800">
            {t("renameLabel", { name: contact.name })}
          </label>
          <input
            id={`${id}-name`}
            className={inputClass}
            value={draft}
            autoComplete="off"
            maxLength={200}
            // Opening the rename is asking to type the new name.
            autoFocus
            aria-invalid={error !== null}
            aria-describedby={`${id}-message`}
            onChange={(event) => {
              setDraft(event.target.value);
              setError(null);
            }}
            onKeyDown={(event) => {
              if (event.key === "Escape") switchTo("view", "rename");
            }}
          />
          <p id={`${id}-message`} className="min-h-5 text-sm text-rose-700" aria-live="polite">
            {error ?? ""}
          </p>
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="ghost" onClick={() => switchTo("view", "rename")}>
              {t("cancel")}
            </Button>
            <Button type="submit" isBusy={isBusy}>
              {t("saveName")}
            </Button>
          </div>
        </form>
      </li>
    );
  }

  return (
    <li ref={rowRef} className="flex flex-wrap items-center gap-x-3 gap-y-2 py-3">
      {/* At least 10rem for the name: on a phone the buttons wrap below it rather than squeeze it. */}
      <div className="min-w-40 flex-1">
        <p className="text-sm font-medium wrap-anywhere text-slate-900">{contact.name}</p>
        <p className="font-mono text-xs text-slate-600" title={contact.publicKey}>
          {shortKey(contact.publicKey)}
        </p>
      </div>
      {mode === "confirm-remove" ? (
        <div
          className="flex flex-wrap items-center gap-2"
          role="group"
          aria-label={t("removeQuestion", { name: contact.name })}
        >
          <span className="text-sm text-slate-800">{t("removeQuestion", { name: contact.name })}</span>
          <Button variant="danger" isBusy={isBusy} data-focus="confirm" onClick={() => void onRemove()}>
            {t("removeConfirm")}
          </Button>
          <Button variant="ghost" onClick={() => switchTo("view", "remove")}>
            {t("cancel")}
          </Button>
        </div>
      ) : (
        <div className="flex flex-wrap items-center gap-1">
          <CopyButton text={contact.publicKey} label={t("copyKey", { name: contact.name })} />
          <Button
            variant="ghost"
            aria-label={t("renameAction", { name: contact.name })}
            data-focus="rename"
            onClick={() => {
              setDraft(contact.name);
              setError(null);
              setMode("rename");
            }}
          >
            {t("rename")}
          </Button>
          <Button
            variant="ghost"
            aria-label={t("removeAction", { name: contact.name })}
            data-focus="remove"
            // The second press is the next thing the keyboard reaches, not a tab stop away.
            onClick={() => switchTo("confirm-remove", "confirm")}
          >
            {t("remove")}
          </Button>
        </div>
      )}
      {error !== null && mode === "view" && (
        <p className="w-full text-sm text-rose-700" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
