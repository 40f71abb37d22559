"use client";
// "Add payer to contacts": a name for a payer this browser does not know yet, saved to the address book.
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { contactNameLengthMax } from "@/lib/wallet/contacts/contacts";
import { Button, Field, inputClass } from "../../ui";

export function AddPayerContact({
  publicKey,
  onSave,
}: {
  publicKey: string;
  onSave: (contact: { publicKey: string; name: string }) => Promise<void>;
}) {
  const t = useTranslations("requests.contact");
  const id = useId();
  const [isOpen, setIsOpen] = useState(false);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const [isSaved, setIsSaved] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === "") {
      setError(t("nameEmpty"));
      return;
    }
    setIsSaving(true);
    try {
      await onSave({ publicKey, name: trimmed });
      setIsSaved(true);
      setIsOpen(false);
    } catch {
      setError(t("failed"));
    } finally {
      setIsSaving(false);
    }
  }

  if (isSaved)
    return (
      <p role="status" className="text-sm text-emerald-800">
        {t("saved")}
      </p>
    );
  if (!isOpen) {
    return (
      <Button variant="secondary" onClick={() => setIsOpen(true)}>
        {t("add")}
      </Button>
    );
  }
  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="space-y-3">
      <Field id={`${id}-name`} label={t("name")} error={error}>
        <input
          id={`${id}-name`}
          className={inputClass}
          autoComplete="off"
          maxLength={contactNameLengthMax}
          value={name}
          aria-invalid={error !== null}
          aria-describedby={`${id}-name-message`}
          onChange={(event) => {
            setName(event.target.value);
            setError(null);
          }}
        />
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" isBusy={isSaving}>
          {t("save")}
        </Button>
        <Button variant="ghost" onClick={() => setIsOpen(false)}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
