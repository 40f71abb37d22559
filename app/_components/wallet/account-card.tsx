"use client";
// The active account: its balance, its key to share (copied, shown in full, or as a QR code), and test funds.
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { Currency, NodeInfo } from "@/lib/ledger/types";
import { shortKey } from "@/lib/wallet/format";
import { useFormat } from "../i18n/use-format";
import { useWalletMessage } from "../i18n/use-wallet-message";
import type { StoredWallet } from "@/lib/wallet/keystore";
import { CopyButton } from "../copy-button";
import { QrCode } from "../qr-code";
import { Button } from "../ui";
import type { FaucetView } from "./hooks/use-faucet";

export function AccountCard({
  wallet,
  balanceMinor,
  currency,
  faucetOffer,
  faucet,
}: {
  wallet: StoredWallet;
  balanceMinor: bigint | null;
  currency: Currency;
  /** What the node's faucet gives, if it is switched on. */
  faucetOffer: NodeInfo["faucet"];
  faucet: FaucetView;
}) {
  const [isKeyShown, setIsKeyShown] = useState(false);
  const t = useTranslations("wallet.account");
  const format = useFormat();
  const say = useWalletMessage();
  return (
    <div className="space-y-5">
      <div>
        <p className="text-sm font-medium text-slate-600">{t("balance")}</p>
        {/* Fixed height: the balance arriving does not push the page down. */}
        <p
          className="h-10 text-3xl font-semibold tabular-nums tracking-tight text-slate-900"
          data-testid="balance"
          aria-live="polite"
        >
          {balanceMinor === null ? (
            <>
              {/* A bare span may not carry aria-label (axe: aria-prohibited-attr), so the words are hidden text. */}
              <span className="inline-block h-9 w-40 animate-pulse rounded-lg bg-slate-100" aria-hidden="true" />
              <span className="sr-only">{t("loadingBalance")}</span>
            </>
          ) : (
            format.amount(balanceMinor, currency)
          )}
        </p>
      </div>
      <div className="space-y-2">
        <p className="text-sm font-medium text-slate-600">{t("yourKey")}</p>
        <div className="flex flex-wrap items-center gap-2">
          <code className="rounded-md bg-slate-100 px-2 py-1 font-mono text-sm text-slate-800" title={wallet.publicKey}>
            {shortKey(wallet.publicKey)}
          </code>
          <CopyButton text={wallet.publicKey} label={t("copyKey")} />
          <Button
            variant="ghost"
            aria-expanded={isKeyShown}
            aria-controls="full-account-key"
            onClick={() => setIsKeyShown((value) => !value)}
          >
            {isKeyShown ? t("hideKey") : t("showKey")}
          </Button>
        </div>
        {isKeyShown && (
          <div
            id="full-account-key"
            className="flex flex-col gap-4 rounded-xl border border-slate-200 p-4 sm:flex-row sm:items-center"
          >
            <QrCode value={wallet.publicKey} label={t("keyQr")} size={148} />
            <p className="break-all font-mono text-sm text-slate-800" data-testid="full-key">
              {wallet.publicKey}
            </p>
          </div>
        )}
      </div>
      {faucetOffer.enabled && (
        <div className="space-y-2">
          <Button variant="secondary" isBusy={faucet.isBusy} onClick={faucet.request}>
            {t("getFunds", { amount: format.amount(faucetOffer.amount, currency) })}
          </Button>
          <p
            className={`min-h-5 text-sm ${faucet.message?.tone === "error" ? "text-rose-700" : "text-emerald-700"}`}
            aria-live="polite"
          >
            {faucet.message === null ? "" : say(faucet.message.text)}
          </p>
        </div>
      )}
    </div>
  );
}
