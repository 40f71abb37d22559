"use client";
// Making, backing up and restoring wallets. The backup is offered at the only moments the key can be
// exported: right after it is made, and right after it is imported.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { BackupError, decryptBackup, encryptBackup, parseBackup, passphraseLengthMin } from "@/lib/wallet/backup";
import { shortKey } from "@/lib/wallet/format";
import { importWallet, type StoredWallet } from "@/lib/wallet/keystore";
import { Button, Field, inputClass, Notice } from "./ui";

function Dialog({
  title,
  isOpen,
  onClose,
  children,
}: {
  title: string;
  isOpen: boolean;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    if (isOpen && !dialog.open) dialog.showModal();
    if (!isOpen && dialog.open) dialog.close();
  }, [isOpen]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-2xl border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/50"
    >
      <div className="space-y-4 p-6">
        <h2 id={titleId} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        {children}
      </div>
    </dialog>
  );
}

function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function PasswordField(props: {
  id: string;
  label: string;
  error: string | null;
  hint?: string;
  autoComplete: "new-password" | "current-password";
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field id={props.id} label={props.label} error={props.error} hint={props.hint}>
      <input
        id={props.id}
        type="password"
        autoComplete={props.autoComplete}
        className={inputClass}
        value={props.value}
        aria-invalid={props.error !== null}
        aria-describedby={`${props.id}-message`}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </Field>
  );
}

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
  const id = useId();
  const [passphrase, setPassphrase] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [error, setError] = useState<{ field: "passphrase" | "confirmation"; message: string } | null>(null);
  const [isWorking, setIsWorking] = useState(false);
  const [isSaved, setIsSaved] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pkcs8 === null) return;
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
      download(`chainpay-wallet-${wallet.publicKey.slice(0, 8)}.json`, JSON.stringify(backup, null, 2));
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
            id={`${id}-passphrase`}
            label="Passphrase"
            error={error?.field === "passphrase" ? error.message : null}
            hint={`At least ${passphraseLengthMin} characters.`}
            autoComplete="new-password"
            value={passphrase}
            onChange={setPassphrase}
          />
          <PasswordField
            id={`${id}-confirmation`}
            label="Passphrase again"
            error={error?.field === "confirmation" ? error.message : null}
            autoComplete="new-password"
            value={confirmation}
            onChange={setConfirmation}
          />
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="ghost" onClick={onDone}>
              Skip: I accept the risk
            </Button>
            <Button type="submit" isBusy={isWorking}>
              Download backup file
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

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
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState("");
  const [error, setError] = useState<{ field: "file" | "passphrase"; message: string } | null>(null);
  const [isWorking, setIsWorking] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (file === null) {
      setError({ field: "file", message: "Choose the backup file." });
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
      const pkcs8 = await decryptBackup(backup, passphrase);
      onImported(await importWallet(backup.name, pkcs8, backup.publicKey));
      setPassphrase("");
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
        <Field
          id={`${id}-file`}
          label="Backup file"
          error={error?.field === "file" ? error.message : null}
          hint="The .json file you downloaded when you made the wallet."
        >
          <input
            id={`${id}-file`}
            type="file"
            accept="application/json,.json"
            className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-lg file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:font-medium"
            aria-invalid={error?.field === "file"}
            aria-describedby={`${id}-file-message`}
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </Field>
        <PasswordField
          id={`${id}-passphrase`}
          label="Passphrase"
          error={error?.field === "passphrase" ? error.message : null}
          autoComplete="current-password"
          value={passphrase}
          onChange={setPassphrase}
        />
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" isBusy={isWorking}>
            Restore wallet
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
