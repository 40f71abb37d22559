"use client";
// The first thing a new visitor sees: what a wallet is, and the two ways to get one.
import { Button, Card } from "../ui";

export function WelcomeCard({
  onCreate,
  isCreating,
  onRestore,
}: {
  onCreate: () => void;
  isCreating: boolean;
  onRestore: () => void;
}) {
  return (
    <Card labelledBy="welcome-heading" className="mx-auto max-w-xl text-center">
      <h2 id="welcome-heading" className="text-xl font-semibold">
        Make your wallet
      </h2>
      <p className="mt-2 text-sm text-slate-600">
        A wallet is a key pair made here, in your browser. Its public half is your account; the private half signs your
        payments and never leaves this device.
      </p>
      <div className="mt-6 flex flex-col justify-center gap-3 sm:flex-row">
        <Button isBusy={isCreating} onClick={onCreate}>
          Create a wallet
        </Button>
        <Button variant="secondary" onClick={onRestore}>
          Restore from a backup
        </Button>
      </div>
    </Card>
  );
}
