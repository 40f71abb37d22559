"use client";
// Restoring a wallet from its backup file: the key is decrypted here and stored, non-extractable, in this browser.
import { useState, type FormEvent } from "react";
import { BackupError, decryptBackup, parseBackup } from "@/lib/wallet/backup";
import { backupFileBytesMax, tooLargeMessage } from "@/lib/wallet/backup-schema";
import { importWallet, type StoredWallet } from "@/lib/wallet/keystore";
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
  const [file, setFile] = useState<File | null>(null);
  const { values, setError, fieldOf, textFieldOf, reset } = useFormFields<"passphrase", "file">({
    passphrase: "",
  });
  const fileField = fieldOf("file");
  const [isWorking, setIsWorking] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (file === null) {
      setError({ field: "file", message: "Choose the backup file." });
      return;
    }
    // A file far larger than a backup is not even read: it is not one, and reading it could take a while.
    if (file.size > backupFileBytesMax) {
      setError({ field: "file", message: tooLargeMessage });
      return;
    }
    setIsWorking(true);
    setError(null);
    try {
      const backup = parseBackup(await file.text());
      if (existingKeys.includes(backup.publicKey)) {
        setError({ field: "file", message: "This wallet is already in this browser." });
        return;
      }
      const pkcs8 = await decryptBackup(backup, values.passphrase);
      onImported(await importWallet(backup.name, pkcs8, backup.publicKey));
      reset();
      setFile(null);
    } catch (caught) {
      const message = caught instanceof Error ? caught.message : "The backup could not be restored.";
      setError({
        field: caught instanceof BackupError && message.startsWith("The passphrase") ? "passphrase" : "file",
        message,
      });
    } finally {
      setIsWorking(false);
    }
  }

  return (
    <Dialog title="Restore a wallet from a backup" isOpen={isOpen} onClose={onClose}>
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="space-y-3">
        <Field {...fileField} label="Backup file" hint="The .json file you downloaded when you made the wallet.">
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
        <PasswordField {...textFieldOf("passphrase")} label="Passphrase" autoComplete="current-password" />
        <DialogActions dismissLabel="Cancel" onDismiss={onClose} submitLabel="Restore wallet" isBusy={isWorking} />
      </form>
    </Dialog>
  );
}
