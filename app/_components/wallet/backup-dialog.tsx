"use client";
// The backup is offered at the only moment the key can be exported: right after it is made.
import { useState, type FormEvent } from "react";
import { encryptBackup, passphraseLengthMin } from "@/lib/wallet/backup";
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
        message: `Use at least ${passphraseLengthMin} characters; a few unrelated words work well.`,
      });
      return;
    }
    if (confirmation !== passphrase) {
      setError({ field: "confirmation", message: "The two passphrases differ." });
      return;
    }
    setError(null);
    setIsWorking(true);
    try {
      const backup = await encryptBackup({ name: wallet.name, publicKey: wallet.publicKey, pkcs8, passphrase });
      downloadJson(`chainpay-wallet-${wallet.publicKey.slice(0, 8)}.json`, backup);
      setIsSaved(true);
    } finally {
      setIsWorking(false);
    }
  }

  return (
    <Dialog title="Back up your new wallet" isOpen={pkcs8 !== null} onClose={onDone}>
      <Notice tone="warning" title="Your key exists only in this browser">
        If you clear this site&apos;s data or lose this device, the money in account {shortKey(wallet.publicKey)} is
        lost for good. Nobody can recover it, not even this node. A backup file, locked with a passphrase, lets you
        restore the wallet in any browser.
      </Notice>
      {isSaved ? (
        <div className="space-y-4">
          <Notice tone="success" title="Backup saved">
            Keep the file and the passphrase in different safe places. This is the only time the wallet offers a backup.
          </Notice>
          <Button className="w-full" onClick={onDone}>
            Done
          </Button>
        </div>
      ) : (
        <form noValidate onSubmit={(event) => void onSubmit(event)} className="space-y-3">
          <PasswordField
            {...textFieldOf("passphrase")}
            label="Passphrase"
            hint={`At least ${passphraseLengthMin} characters.`}
            autoComplete="new-password"
          />
          <PasswordField {...textFieldOf("confirmation")} label="Passphrase again" autoComplete="new-password" />
          <DialogActions
            dismissLabel="Skip: I accept the risk"
            onDismiss={onDone}
            submitLabel="Download backup file"
            isBusy={isWorking}
          />
        </form>
      )}
    </Dialog>
  );
}
