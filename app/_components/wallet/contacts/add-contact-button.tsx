"use client";
// "Add to contacts" beside a payment whose counterparty has no name yet: a small dialog asks for the name.
import { useState } from "react";
import { useTranslations } from "next-intl";
import { shortKey } from "@/lib/wallet/format";
import { Button } from "../../ui";
import { Dialog } from "../dialog";
import { useContacts } from "../hooks/use-contacts";
import { ContactForm } from "./contact-form";

export function AddContactButton({ publicKey }: { publicKey: string }) {
  const t = useTranslations("contacts");
  const { nameOf, isLoaded } = useContacts();
  const [isOpen, setIsOpen] = useState(false);
  // Nothing to offer before the book is read (no flash of a button that then goes), nor for a known key.
  if (!isLoaded || (nameOf(publicKey) !== undefined && !isOpen)) return null;
  return (
    <>
      <Button
        variant="ghost"
        className="shrink-0 self-center px-2 text-xs"
        aria-label={t("addFromPayment", { key: shortKey(publicKey) })}
        onClick={() => setIsOpen(true)}
      >
        {t("addShort")}
      </Button>
      <Dialog title={t("addDialogTitle")} isOpen={isOpen} onClose={() => setIsOpen(false)}>
        {isOpen && (
          <ContactForm givenKey={publicKey} onSaved={() => setIsOpen(false)} onCancel={() => setIsOpen(false)} />
        )}
      </Dialog>
    </>
  );
}
