"use client";
// The pay page: a request link read and checked, then the payer's wallet to pay it from. A bad link gets a plain
// message naming what is wrong, never a half-filled form; a payer without a wallet makes one here, and the request
// stays on screen meanwhile (it is this page's address).
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { NodeInfo } from "@/lib/wallet/node-client";
import { Preferences } from "../../preferences/preferences";
import { Button, Card, Notice } from "../../ui";
import { BackupDialog } from "../../wallet/backup-dialog";
import { useWallets } from "../../wallet/hooks/use-wallets";
import { LockedPaymentForm } from "./locked-payment-form";
import { useRequestLink } from "./use-request-link";

export function PayRequest({ initialInfo }: { initialInfo: NodeInfo }) {
  const t = useTranslations("requests");
  const tWallet = useTranslations("wallet.app");
  const link = useRequestLink(initialInfo.currency);
  const wallets = useWallets();

  return (
    <div className="mx-auto max-w-xl space-y-6 px-4 py-6 sm:py-10">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t("pay.title")}</h1>
          <p className="text-sm text-slate-600">{t("pay.subtitle")}</p>
        </div>
        <Preferences />
      </header>
      <main className="space-y-6">
        {link.kind === "reading" ? (
          <div role="status" aria-label={t("link.reading")} className="h-64 animate-pulse rounded-2xl bg-slate-100" />
        ) : link.kind === "bad" ? (
          <Notice tone="danger" title={t("link.badTitle")}>
            <p>{t(`link.${link.error}`, { code: initialInfo.currency.code })}</p>
            <p className="mt-3">
              <Link href="/" className="font-medium underline">
                {t("link.backToWallet")}
              </Link>
            </p>
          </Notice>
        ) : (
          <Notice
            tone={link.isSigned ? "success" : "warning"}
            title={link.isSigned ? t("link.signedTitle") : t("link.unsignedTitle")}
          >
            {link.isSigned ? t("link.signed") : t("link.unsigned")}
          </Notice>
        )}
        {link.kind !== "ok" ? null : wallets.wallets === null ? (
          <div
            role="status"
            aria-label={t("pay.loadingWallets")}
            className="h-64 animate-pulse rounded-2xl bg-slate-100"
          />
        ) : wallets.active === null ? (
          <Card labelledBy="no-wallet-heading" className="space-y-3">
            <h2 id="no-wallet-heading" className="text-lg font-semibold">
              {t("pay.noWalletTitle")}
            </h2>
            <p className="text-sm text-slate-600">{t("pay.noWalletBody")}</p>
            <Button
              isBusy={wallets.isCreating}
              onClick={() => void wallets.create((ordinal) => tWallet("defaultName", { ordinal }))}
            >
              {t("pay.createWallet")}
            </Button>
          </Card>
        ) : (
          <LockedPaymentForm
            key={wallets.active.publicKey}
            initialInfo={initialInfo}
            request={link.request}
            wallets={wallets.wallets}
            wallet={wallets.active}
            onSelectWallet={wallets.select}
          />
        )}
      </main>
      {wallets.newWallet !== null && (
        <BackupDialog
          wallet={wallets.newWallet.wallet}
          pkcs8={wallets.newWallet.pkcs8}
          onDone={wallets.dismissNewWallet}
        />
      )}
    </div>
  );
}
