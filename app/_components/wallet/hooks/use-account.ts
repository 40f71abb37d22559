"use client";
// The active account as the node records it: balance and history, newest first, one page at a time.
import { useCallback, useEffect, useRef, useState } from "react";
import { coalesce, type Coalesced } from "@/lib/wallet/coalesce";
import type { AccountEntry } from "@/lib/ledger/types";
import { nodeClient } from "@/lib/wallet/node-client";

/** Under a burst of blocks, the balance and history are fetched at most four times a second, one at a time. */
export const accountRefreshIntervalMs = 250;

type AccountState = { publicKey: string; balanceMinor: bigint; entries: AccountEntry[]; nextBefore: string | null };

export type AccountView = {
  /** Null until the node has answered for this account. */
  balanceMinor: bigint | null;
  entries: AccountEntry[] | null;
  hasMore: boolean;
  isLoadingMore: boolean;
  /** Fetches the balance and history again, coalesced with every other refresh (see lib/wallet/coalesce.ts). */
  refresh: () => void;
  loadMore: () => void;
};

export function useAccount(publicKey: string | null): AccountView {
  // The state names its account: when another wallet becomes active, the previous one's balance is not shown
  // for a moment, and a late answer for it is ignored.
  const [state, setState] = useState<AccountState | null>(null);
  const [isLoadingMore, setIsLoadingMore] = useState(false);
  const current = state !== null && state.publicKey === publicKey ? state : null;

  const refresherRef = useRef<Coalesced | null>(null);
  // One refresher per account; the first fetch starts with it. The account's state is set when the node answers,
  // after this effect, not during it.
  useEffect(() => {
    if (publicKey === null) return;
    // A late answer for an account no longer active must not replace the active one's.
    let isActive = true;
    const refresher = coalesce(async () => {
      const result = await nodeClient.account(publicKey);
      if (result.kind !== "ok" || !isActive) return;
      setState({
        publicKey,
        balanceMinor: BigInt(result.body.balance),
        entries: result.body.transactions,
        nextBefore: result.body.nextBefore,
      });
    }, accountRefreshIntervalMs);
    refresherRef.current = refresher;
    refresher.trigger();
    return () => {
      isActive = false;
      refresher.cancel();
      if (refresherRef.current === refresher) refresherRef.current = null;
    };
  }, [publicKey]);

  const refresh = useCallback(() => refresherRef.current?.trigger(), []);

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
