"use client";
// The wallet: keys made and kept in this browser, the active account's balance and history (live from the
// node's events), test funds, the payment form, and the wallet's own audit of the node's chain. The state lives
// in the hooks; this component only lays the pieces out.
import { useState, type ReactNode } from "react";
import { trustedNodeKey } from "@/lib/wallet/chain-watch";
import type { NodeInfo } from "@/lib/wallet/node-client";
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
import { WalletHeader } from "./wallet-header";
import { WelcomeCard } from "./welcome-card";
import { WitnessSummary } from "./witnessed/witness-summary";

export function WalletApp({ initialInfo }: { initialInfo: NodeInfo }) {
  const node = useNode(initialInfo);
  const wallets = useWallets();
  const { active } = wallets;
  const account = useAccount(active?.publicKey ?? null);
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
  const create = () => void wallets.create();
  const openImport = () => setIsImportOpen(true);

  return (
    <div className="mx-auto max-w-5xl space-y-6 px-4 py-6 sm:py-10">
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
      {node.infoError !== null && (
        <Notice tone="danger" title="The node cannot be reached">
          {node.infoError}
        </Notice>
      )}

      {wallets.wallets === null ? (
        <div className="h-64 animate-pulse rounded-2xl bg-slate-100" aria-label="Loading wallets" />
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
            <Panel id="pay-heading" title="Send a payment">
              <PaymentForm
                key={active.publicKey}
                isPaused={node.isAlarm || logPause !== null}
                pausedReason={logPause}
                wallet={active}
                chainId={info.chainId}
                currency={info.currency}
                balanceMinor={account.balanceMinor}
                trustedNodeKey={trustedKey}
                onPaid={account.refresh}
                onBadReceipt={onBadReceipt}
              />
            </Panel>
          </div>
          <Panel id="history-heading" title="History" className="min-w-0 self-start">
            <HistoryList
              publicKey={active.publicKey}
              account={account}
              currency={info.currency}
              witnessStatusOf={witnessed.statusOf}
            />
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
    </div>
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
