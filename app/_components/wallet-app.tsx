"use client";
// The wallet: keys made and kept in this browser, the active account's balance and history (live from the
// node's events), test funds, the payment form, and the wallet's own audit of the node's chain.
import { useCallback, useEffect, useRef, useState } from "react";
import type { SignedBlock } from "@/lib/ledger/types";
import { forgetPin, watchChain, type WatchState } from "@/lib/wallet/chain-watch";
import { shortKey } from "@/lib/wallet/format";
import { createWallet, listWallets, type StoredWallet } from "@/lib/wallet/keystore";
import { messageFor } from "@/lib/wallet/messages";
import { nodeClient, type AccountEntry, type NodeInfo } from "@/lib/wallet/node-client";
import { AccountCard } from "./account-card";
import { ChainAlert } from "./chain-alert";
import { HistoryList } from "./history-list";
import { PaymentForm } from "./payment-form";
import { Button, Card, Notice } from "./ui";
import { useBlockEvents } from "./use-block-events";
import { BackupDialog, ImportDialog } from "./wallet-dialogs";

const activeWalletKey = "chainpay:active-wallet";

type AccountView = { balanceMinor: bigint; entries: AccountEntry[]; nextBefore: string | null };

export function WalletApp({ initialInfo }: { initialInfo: NodeInfo }) {
  const [info, setInfo] = useState<NodeInfo | null>(initialInfo);
  const infoRef = useRef<NodeInfo | null>(initialInfo);
  const [infoError, setInfoError] = useState<string | null>(null);
  const [watch, setWatch] = useState<WatchState>({ kind: "checking" });
  const [wallets, setWallets] = useState<StoredWallet[] | null>(null);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [account, setAccount] = useState<AccountView | null>(null);
  const [isLoadingMore, setIsLoadingMore] = useState(false);
  const [newWallet, setNewWallet] = useState<{ wallet: StoredWallet; pkcs8: ArrayBuffer } | null>(null);
  const [isImportOpen, setIsImportOpen] = useState(false);
  const [isCreating, setIsCreating] = useState(false);
  const [faucetMessage, setFaucetMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [isFaucetBusy, setIsFaucetBusy] = useState(false);
  const isWatchingRef = useRef(false);

  const active = wallets?.find((wallet) => wallet.publicKey === activeKey) ?? null;

  const refreshInfo = useCallback(async () => {
    const result = await nodeClient.node();
    if (result.kind !== "ok") {
      setInfoError(result.kind === "unreachable" ? result.message : result.error.message);
      return null;
    }
    infoRef.current = result.body;
    setInfo(result.body);
    setInfoError(null);
    return result.body;
  }, []);

  const runWatch = useCallback(async (nodeInfo: NodeInfo) => {
    if (isWatchingRef.current) return;
    isWatchingRef.current = true;
    try {
      setWatch(await watchChain(nodeInfo));
    } finally {
      isWatchingRef.current = false;
    }
  }, []);

  const refreshAccount = useCallback(async (publicKey: string) => {
    const result = await nodeClient.account(publicKey);
    if (result.kind !== "ok") return;
    setAccount({
      balanceMinor: BigInt(result.body.balance),
      entries: result.body.transactions,
      nextBefore: result.body.nextBefore,
    });
  }, []);

  // First visit of this page: the node, the chain check, and the wallets in this browser.
  useEffect(() => {
    void (async () => {
      const nodeInfo = await refreshInfo();
      if (nodeInfo !== null) void runWatch(nodeInfo);
    })();
    void listWallets().then((stored) => {
      setWallets(stored);
      const remembered = localStorage.getItem(activeWalletKey);
      setActiveKey(stored.find((wallet) => wallet.publicKey === remembered)?.publicKey ?? stored[0]?.publicKey ?? null);
    });
  }, [refreshInfo, runWatch]);

  useEffect(() => {
    if (activeKey === null) return;
    localStorage.setItem(activeWalletKey, activeKey);
    // The account's state is set when the node answers, after this effect, not during it.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void refreshAccount(activeKey);
  }, [activeKey, refreshAccount]);

  /** Another wallet becomes active: what was shown for the previous one goes at once. */
  function selectWallet(publicKey: string) {
    setActiveKey(publicKey);
    setAccount(null);
    setFaucetMessage(null);
  }

  // Each new block: the head moves, the wallet checks it extends what it verified, and the account refreshes.
  const onBlock = useCallback(
    (block: SignedBlock) => {
      const current = infoRef.current;
      if (current !== null && block.header.height > current.head.header.height) {
        const next = { ...current, head: block };
        infoRef.current = next;
        setInfo(next);
        void runWatch(next);
      }
      if (activeKey !== null) void refreshAccount(activeKey);
    },
    [activeKey, refreshAccount, runWatch],
  );
  useBlockEvents(onBlock, info !== null);

  async function onCreate() {
    setIsCreating(true);
    try {
      const created = await createWallet(`Wallet ${(wallets?.length ?? 0) + 1}`);
      setWallets((current) => [...(current ?? []), created.wallet]);
      selectWallet(created.wallet.publicKey);
      setNewWallet(created);
    } finally {
      setIsCreating(false);
    }
  }

  async function onFaucet() {
    if (active === null) return;
    setIsFaucetBusy(true);
    setFaucetMessage(null);
    const result = await nodeClient.faucet(active.publicKey);
    setIsFaucetBusy(false);
    if (result.kind === "ok") {
      setFaucetMessage({ tone: "ok", text: "Test funds received." });
      void refreshAccount(active.publicKey);
    } else {
      setFaucetMessage({
        tone: "error",
        text:
          result.kind === "refused"
            ? result.error.code === "rate_limited"
              ? result.error.message
              : messageFor(result.error.code)
            : result.message,
      });
    }
  }

  async function onLoadMore() {
    if (active === null || account?.nextBefore == null) return;
    setIsLoadingMore(true);
    const result = await nodeClient.account(active.publicKey, account.nextBefore);
    setIsLoadingMore(false);
    if (result.kind === "ok") {
      setAccount(
        (current) =>
          current && {
            ...current,
            entries: [...current.entries, ...result.body.transactions],
            nextBefore: result.body.nextBefore,
          },
      );
    }
  }

  const currency = info?.currency ?? { code: "USD", decimals: 2 };
  const isAlarm = watch.kind === "rewritten" || watch.kind === "key-changed" || watch.kind === "broken";

  return (
    <div className="mx-auto max-w-5xl space-y-6 px-4 py-6 sm:py-10">
      <header className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">chainpay wallet</h1>
          <p className="text-sm text-slate-600">
            Your keys stay in this browser. Every payment comes with a receipt you can check.
          </p>
        </div>
        {wallets !== null && wallets.length > 0 && (
          <div className="flex flex-wrap items-end gap-2">
            <label className="text-sm">
              <span className="block font-medium text-slate-700">Active wallet</span>
              <select
                className="mt-1 min-h-10 rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm"
                value={activeKey ?? ""}
                onChange={(event) => selectWallet(event.target.value)}
              >
                {wallets.map((wallet) => (
                  <option key={wallet.publicKey} value={wallet.publicKey}>
                    {wallet.name} · {shortKey(wallet.publicKey)}
                  </option>
                ))}
              </select>
            </label>
            <Button variant="secondary" isBusy={isCreating} onClick={() => void onCreate()}>
              New wallet
            </Button>
            <Button variant="ghost" onClick={() => setIsImportOpen(true)}>
              Restore backup
            </Button>
          </div>
        )}
      </header>

      <ChainAlert
        watch={watch}
        onTrustAgain={() => {
          forgetPin();
          if (info !== null) void runWatch(info);
        }}
      />
      {infoError !== null && (
        <Notice tone="danger" title="The node cannot be reached">
          {infoError}
        </Notice>
      )}

      {wallets === null ? (
        <div className="h-64 animate-pulse rounded-2xl bg-slate-100" aria-label="Loading wallets" />
      ) : active === null ? (
        <Card labelledBy="welcome-heading" className="mx-auto max-w-xl text-center">
          <h2 id="welcome-heading" className="text-xl font-semibold">
            Make your wallet
          </h2>
          <p className="mt-2 text-sm text-slate-600">
            A wallet is a key pair made here, in your browser. Its public half is your account; the private half signs
            your payments and never leaves this device.
          </p>
          <div className="mt-6 flex flex-col justify-center gap-3 sm:flex-row">
            <Button isBusy={isCreating} onClick={() => void onCreate()}>
              Create a wallet
            </Button>
            <Button variant="secondary" onClick={() => setIsImportOpen(true)}>
              Restore from a backup
            </Button>
          </div>
        </Card>
      ) : (
        <div className="grid gap-6 md:grid-cols-2">
          <div className="space-y-6">
            <Card labelledBy="account-heading">
              <h2 id="account-heading" className="mb-4 text-lg font-semibold">
                {active.name}
              </h2>
              <AccountCard
                wallet={active}
                balanceMinor={account?.balanceMinor ?? null}
                currency={currency}
                faucet={info?.faucet ?? null}
                onFaucet={() => void onFaucet()}
                faucetMessage={faucetMessage}
                isFaucetBusy={isFaucetBusy}
              />
            </Card>
            <Card labelledBy="pay-heading">
              <h2 id="pay-heading" className="mb-4 text-lg font-semibold">
                Send a payment
              </h2>
              {info === null ? (
                <div className="h-72 animate-pulse rounded-xl bg-slate-100" aria-label="Loading the payment form" />
              ) : isAlarm ? (
                <p className="text-sm text-rose-800">
                  Payments are paused in this wallet until you have read the warning above.
                </p>
              ) : (
                <PaymentForm
                  key={active.publicKey}
                  wallet={active}
                  chainId={info.chainId}
                  currency={currency}
                  balanceMinor={account?.balanceMinor ?? null}
                  onPaid={() => void refreshAccount(active.publicKey)}
                />
              )}
            </Card>
          </div>
          <Card labelledBy="history-heading" className="self-start">
            <h2 id="history-heading" className="mb-4 text-lg font-semibold">
              History
            </h2>
            <HistoryList
              account={active.publicKey}
              entries={account?.entries ?? null}
              currency={currency}
              hasMore={account?.nextBefore != null}
              isLoadingMore={isLoadingMore}
              onLoadMore={() => void onLoadMore()}
            />
          </Card>
        </div>
      )}

      <footer className="border-t border-slate-200 pt-4 text-xs text-slate-600">
        {info === null ? (
          <span>Connecting to the node…</span>
        ) : (
          <dl className="flex flex-wrap gap-x-4 gap-y-1">
            <div className="flex gap-1">
              <dt>Chain</dt>
              <dd data-testid="chain-id">{info.chainId}</dd>
            </div>
            <div className="flex gap-1">
              <dt>Head block</dt>
              <dd data-testid="head-height">{info.head.header.height}</dd>
            </div>
            <div className="flex min-w-0 gap-1">
              <dt>Head hash</dt>
              <dd data-testid="head-hash" className="truncate font-mono" title={info.head.hash}>
                {info.head.hash}
              </dd>
            </div>
            <div className="flex gap-1">
              <dt>Node key</dt>
              <dd className="font-mono">{shortKey(info.nodePublicKey)}</dd>
            </div>
            <div className="flex gap-1" aria-live="polite">
              <dt>Verified by this wallet up to block</dt>
              <dd data-testid="verified-height">{watch.kind === "ok" ? watch.height : "…"}</dd>
            </div>
          </dl>
        )}
      </footer>

      {newWallet !== null && (
        <BackupDialog wallet={newWallet.wallet} pkcs8={newWallet.pkcs8} onDone={() => setNewWallet(null)} />
      )}
      <ImportDialog
        isOpen={isImportOpen}
        existingKeys={wallets?.map((wallet) => wallet.publicKey) ?? []}
        onClose={() => setIsImportOpen(false)}
        onImported={(wallet) => {
          setWallets((current) => [...(current ?? []), wallet]);
          selectWallet(wallet.publicKey);
          setIsImportOpen(false);
        }}
      />
    </div>
  );
}
