"use client";
// Restoring a wallet from its backup file: the key is decrypted here and stored, non-extractable, in this browser.
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { BackupError, decryptBackup, parseBackup } from "@/lib/wallet/backup";
import { backupProblemOf } from "@/lib/wallet/backup-problems";
import { backupFileBytesMax, tooLargeMessage } from "@/lib/wallet/backup-schema";
import { useWalletMessage } from "../i18n/use-wallet-message";
import { importWallet, type StoredWallet } from "@/lib/wallet/keystore";
import { importContacts } from "@/lib/wallet/contacts/contacts";
import { Field } from "../ui";
import { Dialog, DialogActions, PasswordField } from "./dialog";
import { useFormFields } from "./hooks/use-form-fields";

export function ImportDialog({
  isOpen,
  existingKeys,
  onImported,
  onClose,
}: {
  isOpen: boolean;
  existingKeys: string[];
  onImported: (wallet: StoredWallet) => void;
  onClose: () => void;
}) {
  const t = useTranslations("wallet.restore");
  const say = useWalletMessage();
  const [file, setFile] = useState<File | null>(null);
  const { values, setError, fieldOf, textFieldOf, reset } = useFormFields<"passphrase", "file">({
    passphrase: "",
  });
  const fileField = fieldOf("file");
  const [isWorking, setIsWorking] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (file === null) {
      setError({ field: "file", message: t("chooseFile") });
      return;
    }
    // A file far larger than a backup is not even read: it is not one, and reading it could take a while.
    if (file.size > backupFileBytesMax) {
      setError({ field: "file", message: say(backupProblemOf(tooLargeMessage)) });
      return;
    }
    setIsWorking(true);
    setError(null);
    try {
      const backup = parseBackup(await file.text());
      if (existingKeys.includes(backup.publicKey)) {
        setError({ field: "file", message: t("alreadyHere") });
        return;
      }
      const pkcs8 = await decryptBackup(backup, values.passphrase);
      const wallet = await importWallet(backup.name, pkcs8, backup.publicKey);
      // The backup's contacts join this browser's book (issue 12); names already here stay as they are. The
      // wallet is restored either way: a book that cannot be written must not undo that.
      if (backup.contacts !== undefined) await importContacts(backup.contacts).catch(() => undefined);
      onImported(wallet);
      reset();
      setFile(null);
    } catch (caught) {
      // A BackupError says what is wrong with the file; anything else (the browser's own storage) is said plainly.
      if (!(caught instanceof BackupError)) {
        setError({ field: "file", message: t("failed") });
        return;
      }
      setError({
        field: caught.problem.key === "backup.wrongPassphrase" ? "passphrase" : "file",
        message: say(caught.problem),
      });
    } finally {
      setIsWorking(false);
    }
  }

  return (
    <Dialog title={t("title")} isOpen={isOpen} onClose={onClose}>
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="space-y-3">
        <Field {...fileField} label={t("file")} hint={t("fileHint")}>
          <input
            id={fileField.id}
            type="file"
            accept="application/json,.json"
            className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-lg file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:font-medium"
            aria-invalid={fileField.error !== null}
            aria-describedby={`${fileField.id}-message`}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </Field>
        <PasswordField {...textFieldOf("passphrase")} label={t("passphrase")} autoComplete="current-password" />
        <DialogActions dismissLabel={t("cancel")} onDismiss={onClose} submitLabel={t("submit")} isBusy={isWorking} />
      </form>
    </Dialog>
  );
}
