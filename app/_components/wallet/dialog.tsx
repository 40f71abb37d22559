"use client";
// The wallet's modal dialog and its password field, shared by the backup and the restore dialogs.
import { useEffect, useId, useRef, type ReactNode } from "react";
import { Button, Field, inputClass } from "../ui";

export function Dialog({
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

export function PasswordField(props: {
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

/** A dialog form's buttons: the way out, and the submit, which is first on a phone (nearest the thumb). */
export function DialogActions(props: {
  dismissLabel: string;
  onDismiss: () => void;
  submitLabel: string;
  isBusy: boolean;
}) {
  return (
    <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
      <Button variant="ghost" onClick={props.onDismiss}>
        {props.dismissLabel}
      </Button>
      <Button type="submit" isBusy={props.isBusy}>
        {props.submitLabel}
      </Button>
    </div>
  );
}
