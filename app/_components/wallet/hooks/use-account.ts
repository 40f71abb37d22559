"use client";
// The active account as the node records it: balance and history, newest first, one page at a time.
import { useCallback, useEffect, useState } from "react";
import { nodeClient, type AccountEntry } from "@/lib/wallet/node-client";

type AccountState = { publicKey: string; balanceMinor: bigint; entries: AccountEntry[]; nextBefore: string | null };

export type AccountView = {
  /** Null until the node has answered for this account. */
  balanceMinor: bigint | null;
  entries: AccountEntry[] | null;
  hasMore: boolean;
  isLoadingMore: boolean;
  refresh: () => void;
  loadMore: () => void;
};

export function useAccount(publicKey: string | null): AccountView {
  // The state names its account: when another wallet becomes active, the previous one's balance is not shown
  // for a moment, and a late answer for it is ignored.
  const [state, setState] = useState<AccountState | null>(null);
  const [isLoadingMore, setIsLoadingMore] = useState(false);
  const current = state !== null && state.publicKey === publicKey ? state : null;

  const refresh = useCallback(() => {
    if (publicKey === null) return;
    void nodeClient.account(publicKey).then((result) => {
      if (result.kind !== "ok") return;
      setState({
        publicKey,
        balanceMinor: BigInt(result.body.balance),
        entries: result.body.transactions,
        nextBefore: result.body.nextBefore,
      });
    });
  }, [publicKey]);

  // The account's state is set when the node answers, after this effect, not during it.
  useEffect(refresh, [refresh]);

  const loadMore = useCallback(() => {
    if (current?.nextBefore == null) return;
    const before = current.nextBefore;
    setIsLoadingMore(true);
    void nodeClient.account(current.publicKey, before).then((result) => {
      setIsLoadingMore(false);
      if (result.kind !== "ok") return;
      setState((latest) =>
        latest !== null && latest.publicKey === current.publicKey && latest.nextBefore === before
          ? { ...latest, entries: [...latest.entries, ...result.body.transactions], nextBefore: result.body.nextBefore }
          : latest,
      );
    });
  }, [current]);

  return {
    balanceMinor: current?.balanceMinor ?? null,
    entries: current?.entries ?? null,
    hasMore: current?.nextBefore != null,
    isLoadingMore,
    refresh,
    loadMore,
  };
}
