"use client";
// The backup is offered at the only moment the key can be exported: right after it is made.
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { encryptBackup, passphraseLengthMin } from "@/lib/wallet/backup";
import { listContacts } from "@/lib/wallet/contacts/contacts";
import { downloadJson } from "@/lib/wallet/download";
import { shortKey } from "@/lib/wallet/format";
import type { StoredWallet } from "@/lib/wallet/keystore";
import { Button, Notice } from "../ui";
import { Dialog, DialogActions, PasswordField } from "./dialog";
import { useFormFields } from "./hooks/use-form-fields";

/** Offered once, while the new key can still be exported. */
export function BackupDialog({
  wallet,
  pkcs8,
  onDone,
}: {
  wallet: StoredWallet;
  pkcs8: ArrayBuffer | null;
  onDone: () => void;
}) {
  const t = useTranslations("wallet.backup");
  const { values, setError, textFieldOf } = useFormFields({ passphrase: "", confirmation: "" });
  const [isWorking, setIsWorking] = useState(false);
  const [isSaved, setIsSaved] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pkcs8 === null) return;
    const { passphrase, confirmation } = values;
    if ([...passphrase].length < passphraseLengthMin) {
      setError({
        field: "passphrase",
        message: t("tooShort", { min: passphraseLengthMin }),
      });
      return;
    }
    if (confirmation !== passphrase) {
      setError({ field: "confirmation", message: t("differ") });
      return;
    }
    setError(null);
    setIsWorking(true);
    try {
      // The address book goes along (issue 12): restoring the backup brings the names back too.
      const contacts = await listContacts().catch(() => []);
      const backup = await encryptBackup({
        name: wallet.name,
        publicKey: wallet.publicKey,
        pkcs8,
        passphrase,
        contacts,
      });
      downloadJson(`chainpay-wallet-${wallet.publicKey.slice(0, 8)}.json`, backup);
      setIsSaved(true);
    } finally {
      setIsWorking(false);
    }
  }

  return (
    <Dialog title={t("title")} isOpen={pkcs8 !== null} onClose={onDone}>
      <Notice tone="warning" title={t("onlyHereTitle")}>
        {t("onlyHere", { key: shortKey(wallet.publicKey) })}
      </Notice>
      {isSaved ? (
        <div className="space-y-4">
          <Notice tone="success" title={t("savedTitle")}>
            {t("saved")}
          </Notice>
          <Button className="w-full" onClick={onDone}>
            {t("done")}
          </Button>
        </div>
      ) : (
        <form noValidate onSubmit={(event) => void onSubmit(event)} className="space-y-3">
          <PasswordField
            {...textFieldOf("passphrase")}
            label={t("passphrase")}
            hint={t("passphraseHint", { min: passphraseLengthMin })}
            autoComplete="new-password"
          />
          <PasswordField {...textFieldOf("confirmation")} label={t("passphraseAgain")} autoComplete="new-password" />
          <DialogActions dismissLabel={t("skip")} onDismiss={onDone} submitLabel={t("download")} isBusy={isWorking} />
        </form>
      )}
    </Dialog>
  );
}
