"use client";
// The first thing a new visitor sees: what a wallet is, and the two ways to get one.
import { useTranslations } from "next-intl";
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
  const t = useTranslations("wallet.welcome");
  return (
    <Card labelledBy="welcome-heading" className="mx-auto max-w-xl text-center">
      <h2 id="welcome-heading" className="text-xl font-semibold">
        {t("title")}
      </h2>
      <p className="mt-2 text-sm text-slate-600">{t("body")}</p>
      <div className="mt-6 flex flex-col justify-center gap-3 sm:flex-row">
        <Button isBusy={isCreating} onClick={onCreate}>
          {t("create")}
        </Button>
        <Button variant="secondary" onClick={onRestore}>
          {t("restore")}
        </Button>
      </div>
    </Card>
  );
}
