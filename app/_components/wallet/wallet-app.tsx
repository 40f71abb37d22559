"use client";
// The wallet: keys made and kept in this browser, the active account's balance and history (live from the
// node's events), test funds, the payment form, and the wallet's own audit of the node's chain. The state lives
// in the hooks; this component only lays the pieces out.
import { useState, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { trustedNodeKey } from "@/lib/wallet/chain-watch";
import type { NodeInfo } from "@/lib/wallet/node-client";
import { useWalletMessage } from "../i18n/use-wallet-message";
import { RequestsPanel } from "../requests/requests-panel";
import { Card, Notice } from "../ui";
import { useBlockEvents } from "../use-block-events";
import { AccountCard } from "./account-card";
import { BackupDialog } from "./backup-dialog";
import { ChainAlert } from "./chain-alert";
import { HistoryList } from "./history-list";
import { useAccount } from "./hooks/use-account";
import { useFaucet } from "./hooks/use-faucet";
import { useLogWatch } from "./hooks/use-log-watch";
import { useNode, type BadReceipt } from "./hooks/use-node";
import { useWitnessed } from "./hooks/use-witnessed";
import { useWallets } from "./hooks/use-wallets";
import { ImportDialog } from "./import-dialog";
import { LogAlert, logPauseReason } from "./witnessed/log-alert";
import { NodeFooter } from "./node-footer";
import { PaymentForm } from "./payment-form";
import { OfflineBanner } from "../offline/offline-banner";
import { OfflineHistoryExtras } from "../offline/offline-history-extras";
import { ServiceWorker } from "../offline/service-worker";
import { useLastSeen } from "../offline/use-last-seen";
import { WalletHeader } from "./wallet-header";
import { WelcomeCard } from "./welcome-card";
import { ContactsPanel } from "./contacts/contacts-panel";
import { ScanButton } from "./scan/scan-button";
import { WitnessSummary } from "./witnessed/witness-summary";

export function WalletApp({ initialInfo }: { initialInfo: NodeInfo }) {
  const t = useTranslations("wallet.app");
  const say = useWalletMessage();
  const node = useNode(initialInfo);
  const wallets = useWallets();
  const { active } = wallets;
  // Offline, the account as this browser last saw it, marked as such (app/_components/offline/).
  const { account, isOffline, seenAt } = useLastSeen(
    active?.publicKey ?? null,
    useAccount(active?.publicKey ?? null),
    node.infoError !== null,
  );
  const offlineT = useTranslations("offline");
  const faucet = useFaucet(active?.publicKey ?? null, account.refresh);
  const [isImportOpen, setIsImportOpen] = useState(false);
  const { info } = node;
  const logView = useLogWatch(info);
  const pinnedPolicy = logView.policy.kind === "pinned" ? logView.policy.policy : null;
  const witnessedSize = logView.log.kind === "ok" ? logView.log.size : null;
  // The node answers (with a checkpoint, one that does not verify, or none yet): a payment it keeps unwitnessed counts.
  const isLogAnswering = ["ok", "none-yet", "unverified"].includes(logView.log.kind);
  const witnessed = useWitnessed(account.entries ?? [], pinnedPolicy, witnessedSize, isLogAnswering);
  const logPause = logPauseReason(logView.policy, logView.log, witnessed.overdueTxIds);

  // Each new block: the head moves, the wallet audits it and its witnessed log, and the account may have changed.
  useBlockEvents((block) => {
    node.onBlock(block);
    logView.recheck();
    account.refresh();
  });

  const trustedKey = () => trustedNodeKey(info);
  // The balance may have moved or not: the node's account page says, while the alarm says the node lied.
  const onBadReceipt = (badReceipt: BadReceipt) => {
    node.reportBadReceipt(badReceipt);
    account.refresh();
  };
  const create = () => void wallets.create((ordinal) => t("defaultName", { ordinal }));
  const openImport = () => setIsImportOpen(true);

  return (
    <main className="mx-auto max-w-5xl space-y-6 px-4 py-6 sm:py-10">
      <WalletHeader
        wallets={wallets.wallets}
        active={active}
        onSelect={wallets.select}
        onCreate={create}
        isCreating={wallets.isCreating}
        onRestore={openImport}
      />
      <ChainAlert watch={node.watch} badReceipt={node.badReceipt} onTrustAgain={node.trustAgain} />
      <LogAlert
        policy={logView.policy}
        log={logView.log}
        overdueTxIds={witnessed.overdueTxIds}
        onTrustAgain={logView.trustPolicyAgain}
      />
      <ServiceWorker />
      {isOffline && <OfflineBanner seenAt={seenAt} balanceMinor={account.balanceMinor} currency={info.currency} />}
      {node.infoError !== null && !isOffline && (
        <Notice tone="danger" title={t("unreachable")}>
          {say(node.infoError)}
        </Notice>
      )}

      {wallets.wallets === null ? (
        <div className="h-64 animate-pulse rounded-2xl bg-slate-100" aria-label={t("loadingWallets")} />
      ) : active === null ? (
        <WelcomeCard onCreate={create} isCreating={wallets.isCreating} onRestore={openImport} />
      ) : (
        // minmax(0, 1fr) columns (grid-cols-1): a long word in a card must not widen the page past the screen.
        <div className="grid grid-cols-1 gap-6 md:grid-cols-2">
          <div className="min-w-0 space-y-6">
            <Panel id="account-heading" title={active.name}>
              <AccountCard
                wallet={active}
                balanceMinor={account.balanceMinor}
                currency={info.currency}
                faucetOffer={info.faucet}
                faucet={faucet}
              />
            </Panel>
            <Panel id="pay-heading" title={t("sendPayment")}>
              <ScanButton />
              <PaymentForm
                key={active.publicKey}
                isPaused={node.isAlarm || (logPause !== null && !isOffline)}
                pausedReason={logPause}
                needsNodeReason={isOffline ? offlineT("pay.needsNode") : null}
                wallet={active}
                chainId={info.chainId}
                currency={info.currency}
                balanceMinor={account.balanceMinor}
                trustedNodeKey={trustedKey}
                onPaid={account.refresh}
                onBadReceipt={onBadReceipt}
              />
            </Panel>
            <RequestsPanel wallet={active} currency={info.currency} entries={account.entries} />
            <ContactsPanel />
          </div>
          <Panel id="history-heading" title={t("history")} className="min-w-0 self-start">
            <HistoryList
              publicKey={active.publicKey}
              account={account}
              currency={info.currency}
              witnessStatusOf={witnessed.statusOf}
            />
            <OfflineHistoryExtras account={active.publicKey} info={info} isOffline={isOffline} />
          </Panel>
        </div>
      )}

      <WitnessSummary policy={logView.policy} log={logView.log} />
      <NodeFooter info={info} watch={node.watch} />

      {wallets.newWallet !== null && (
        <BackupDialog
          wallet={wallets.newWallet.wallet}
          pkcs8={wallets.newWallet.pkcs8}
          onDone={wallets.dismissNewWallet}
        />
      )}
      <ImportDialog
        isOpen={isImportOpen}
        existingKeys={wallets.wallets?.map((wallet) => wallet.publicKey) ?? []}
        onClose={() => setIsImportOpen(false)}
        onImported={(wallet) => {
          wallets.addRestored(wallet);
          setIsImportOpen(false);
        }}
      />
    </main>
  );
}

/** A card of the wallet's layout, named by its heading. */
function Panel({
  id,
  title,
  className,
  children,
}: {
  id: string;
  title: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Card labelledBy={id} className={className}>
      <h2 id={id} className="mb-4 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </Card>
  );
}
