"use client";
// The wallet's title, and once there are wallets in this browser, the choice of the active one.
import { useTranslations } from "next-intl";
import { shortKey } from "@/lib/wallet/format";
import type { StoredWallet } from "@/lib/wallet/keystore";
import { Preferences } from "../preferences/preferences";
import { Button } from "../ui";

export function WalletHeader({
  wallets,
  active,
  onSelect,
  onCreate,
  isCreating,
  onRestore,
}: {
  wallets: StoredWallet[] | null;
  active: StoredWallet | null;
  onSelect: (publicKey: string) => void;
  onCreate: () => void;
  isCreating: boolean;
  onRestore: () => void;
}) {
  const t = useTranslations("wallet.header");
  return (
    <header className="flex flex-wrap items-center justify-between gap-4">
      <div className="flex w-full flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t("title")}</h1>
          <p className="text-sm text-slate-600">{t("tagline")}</p>
        </div>
        <Preferences />
      </div>
      {wallets !== null && wallets.length > 0 && (
        <div className="flex max-w-full flex-wrap items-end gap-2">
          <label className="max-w-full text-sm">
            <span className="block font-medium text-slate-700">{t("activeWallet")}</span>
            <select
              className="mt-1 min-h-10 max-w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm"
              value={active?.publicKey ?? ""}
              onChange={(event) => onSelect(event.target.value)}
            >
              {wallets.map((wallet) => (
                <option key={wallet.publicKey} value={wallet.publicKey}>
                  {wallet.name} · {shortKey(wallet.publicKey)}
                </option>
              ))}
            </select>
          </label>
          <Button variant="secondary" isBusy={isCreating} onClick={onCreate}>
            {t("newWallet")}
          </Button>
          <Button variant="ghost" onClick={onRestore}>
            {t("restore")}
          </Button>
        </div>
      )}
    </header>
  );
}
