"use client";
// The active account: its balance, its key to share (copied, shown in full, or as a QR code), and test funds.
import { useState } from "react";
import type { Currency, NodeInfo } from "@/lib/ledger/types";
import { formatAmount, shortKey } from "@/lib/wallet/format";
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
      {faucetOffer.enabled && (
        <div className="space-y-2">
          <Button variant="secondary" isBusy={faucet.isBusy} onClick={faucet.request}>
            Get test funds ({formatAmount(faucetOffer.amount, currency)})
          </Button>
          <p
            className={`min-h-5 text-sm ${faucet.message?.tone === "error" ? "text-rose-700" : "text-emerald-700"}`}
            aria-live="polite"
          >
            {faucet.message?.text ?? ""}
          </p>
        </div>
      )}
    </div>
  );
}
