"use client";
import { useState } from "react";
import { formatAmount, shortKey } from "@/lib/wallet/format";
import type { Currency } from "@/lib/ledger/types";
import type { StoredWallet } from "@/lib/wallet/keystore";
import { CopyButton } from "../copy-button";
import { QrCode } from "../qr-code";
import { Button } from "../ui";

export function AccountCard({
  wallet,
  balanceMinor,
  currency,
  faucet,
  onFaucet,
  faucetMessage,
  isFaucetBusy,
}: {
  wallet: StoredWallet;
  balanceMinor: bigint | null;
  currency: Currency;
  faucet: { enabled: boolean; amount: string } | null;
  onFaucet: () => void;
  faucetMessage: { tone: "ok" | "error"; text: string } | null;
  isFaucetBusy: boolean;
}) {
  const [isKeyShown, setIsKeyShown] = useState(false);
  return (
    <div className="space-y-5">
      <div>
        <p className="text-sm font-medium text-slate-600">Balance</p>
        {/* Fixed height: the balance arriving does not push the page down. */}
        <p
          className="h-10 text-3xl font-semibold tabular-nums tracking-tight text-slate-900"
          data-testid="balance"
          aria-live="polite"
        >
          {balanceMinor === null ? (
            <span
              className="inline-block h-9 w-40 animate-pulse rounded-lg bg-slate-100"
              aria-label="Loading balance"
            />
          ) : (
            formatAmount(balanceMinor, currency)
          )}
        </p>
      </div>
      <div className="space-y-2">
        <p className="text-sm font-medium text-slate-600">Your account key</p>
        <div className="flex flex-wrap items-center gap-2">
          <code className="rounded-md bg-slate-100 px-2 py-1 font-mono text-sm text-slate-800" title={wallet.publicKey}>
            {shortKey(wallet.publicKey)}
          </code>
          <CopyButton text={wallet.publicKey} label="Copy your full account key" />
          <Button
            variant="ghost"
            aria-expanded={isKeyShown}
            aria-controls="full-account-key"
            onClick={() => setIsKeyShown((value) => !value)}
          >
            {isKeyShown ? "Hide full key" : "Show full key and QR"}
          </Button>
        </div>
        {isKeyShown && (
          <div
            id="full-account-key"
            className="flex flex-col gap-4 rounded-xl border border-slate-200 p-4 sm:flex-row sm:items-center"
          >
            <QrCode value={wallet.publicKey} label="QR code of your account key" size={148} />
            <p className="break-all font-mono text-sm text-slate-800" data-testid="full-key">
              {wallet.publicKey}
            </p>
          </div>
        )}
      </div>
      {faucet?.enabled === true && (
        <div className="space-y-2">
          <Button variant="secondary" isBusy={isFaucetBusy} onClick={onFaucet}>
            Get test funds ({formatAmount(faucet.amount, currency)})
          </Button>
          <p
            className={`min-h-5 text-sm ${faucetMessage?.tone === "error" ? "text-rose-700" : "text-emerald-700"}`}
            aria-live="polite"
          >
            {faucetMessage?.text ?? ""}
          </p>
        </div>
      )}
    </div>
  );
}
