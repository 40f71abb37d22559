"use client";
// The account view the wallet shows: the node's, live, while online (each answer also kept as the last-seen view,
// lib/wallet/offline/last-seen.ts); offline, the view this browser last saw, with the time it saw it. Back
// online, it asks the node again at once, without waiting for a block or a reload. "Offline" is also a browser
// that is online while the node is not (the service worker then served the page from its copy): the node could
// not be reached and has not answered for the account since; the account is then asked for again every while.
import { useEffect, useMemo, useRef } from "react";
import { readLastSeen, rememberLastSeen, unreachableRetryMs } from "@/lib/wallet/offline/last-seen";
import type { AccountView } from "../wallet/hooks/use-account";
import { useIsOnline } from "./use-online";

export type LastSeenView = {
  isOffline: boolean;
  /** When the view shown offline was seen; null online, or when this browser never saw the account online. */
  seenAt: string | null;
  account: AccountView;
};

const doNothing = () => {};

export function useLastSeen(publicKey: string | null, account: AccountView, isNodeUnreachable: boolean): LastSeenView {
  const isBrowserOnline = useIsOnline();
  const { balanceMinor, entries, refresh } = account;
  const isWaitingForNode = isBrowserOnline && isNodeUnreachable && balanceMinor === null;
  const isOnline = isBrowserOnline && !isWaitingForNode;

  useEffect(() => {
    if (!isWaitingForNode) return;
    const timer = setInterval(refresh, unreachableRetryMs);
    return () => clearInterval(timer);
  }, [isWaitingForNode, refresh]);

  useEffect(() => {
    if (!isOnline || publicKey === null || balanceMinor === null || entries === null) return;
    rememberLastSeen(publicKey, balanceMinor, entries);
  }, [isOnline, publicKey, balanceMinor, entries]);

  const wasOfflineRef = useRef(false);
  useEffect(() => {
    if (!isOnline) {
      wasOfflineRef.current = true;
      return;
    }
    if (!wasOfflineRef.current) return;
    wasOfflineRef.current = false;
    refresh();
  }, [isOnline, refresh]);

  // Read when the browser goes offline (never while hydrating: useIsOnline says online then, as the server does).
  const lastSeen = useMemo(
    () => (isOnline || publicKey === null ? null : readLastSeen(publicKey)),
    [isOnline, publicKey],
  );

  return useMemo(() => {
    if (isOnline) return { isOffline: false, seenAt: null, account };
    return {
      isOffline: true,
      seenAt: lastSeen?.seenAt ?? null,
      account: {
        ...account,
        balanceMinor: lastSeen?.balanceMinor ?? null,
        entries: lastSeen?.entries ?? [],
        hasMore: false,
        isLoadingMore: false,
        loadMore: doNothing,
      },
    };
  }, [isOnline, lastSeen, account]);
}
