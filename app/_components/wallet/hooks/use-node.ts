"use client";
// The node as this wallet sees it: its facts (first rendered by the server, then kept current), whether it can
// be reached, and the wallet's own audit of its chain, run again whenever the head moves.
import { messageFor } from "@/lib/wallet/messages";
import type { WalletMessage } from "@/lib/wallet/wallet-message";
import { useCallback, useEffect, useRef, useState } from "react";
import type { SignedBlock } from "@/lib/ledger/types";
import { forgetPin, watchChain, type WatchState } from "@/lib/wallet/chain-watch";
import { coalesce, type Coalesced } from "@/lib/wallet/coalesce";
import { nodeClient, type NodeInfo } from "@/lib/wallet/node-client";

/** A receipt the node answered a payment with that does not verify under the node key this browser trusts. */
export type BadReceipt = { txId: string; failedChecks: string[] };

/** Under a burst of blocks, the chain is audited at most four times a second, one audit at a time. */
export const chainWatchIntervalMs = 250;

export type NodeView = {
  info: NodeInfo;
  /** Why the node could not be reached the last time it was asked, or null. */
  infoError: WalletMessage | null;
  watch: WatchState;
  /** The last payment's receipt, when it failed verification: an alarm until the page is reloaded. */
  badReceipt: BadReceipt | null;
  /**
   * True when the audit found the node rewriting history, swapping its key or serving a broken chain, or a
   * receipt of the node's did not verify.
   */
  isAlarm: boolean;
  /** A new block from the node's events: the head moves, and the wallet checks it extends what it verified. */
  onBlock: (block: SignedBlock) => void;
  /** The payment form found the node's receipt false. */
  reportBadReceipt: (badReceipt: BadReceipt) => void;
  /** The person read the warning and chose to trust the node as it is now. */
  trustAgain: () => void;
};

export function useNode(initialInfo: NodeInfo): NodeView {
  const [info, setInfo] = useState(initialInfo);
  // The event handler updates the newest head in a ref: blocks can arrive far faster than React should re-render,
  // so the rendered facts follow at the pace of the audit.
  const infoRef = useRef(initialInfo);
  const [infoError, setInfoError] = useState<WalletMessage | null>(null);
  const [watch, setWatch] = useState<WatchState>({ kind: "checking" });
  const [badReceipt, setBadReceipt] = useState<BadReceipt | null>(null);
  const watcherRef = useRef<Coalesced | null>(null);

  /**
   * The head only moves forward here. An answer to an older request can arrive after a newer block's event; taken
   * as it is, it would look to the audit as if the node had dropped the blocks this wallet verified since.
   */
  const updateInfo = useCallback((answered: NodeInfo) => {
    const current = infoRef.current;
    infoRef.current =
      answered.head.header.height >= current.head.header.height ? answered : { ...answered, head: current.head };
    watcherRef.current?.trigger();
  }, []);

  // One audit at a time, of the newest head (see lib/wallet/coalesce.ts), and first the node's facts fresh from
  // the node.
  useEffect(() => {
    let isActive = true;
    const watcher = coalesce(async () => {
      const nodeInfo = infoRef.current;
      setInfo(nodeInfo);
      const state = await watchChain(nodeInfo);
      if (isActive) setWatch(state);
    }, chainWatchIntervalMs);
    watcherRef.current = watcher;
    const readInfo = () =>
      void nodeClient.node().then((result) => {
        if (!isActive) return;
        if (result.kind !== "ok") {
          setInfoError(result.kind === "unreachable" ? result.problem : messageFor(result.error.code));
          return;
        }
        setInfoError(null);
        updateInfo(result.body);
      });
    readInfo();
    // A wallet opened offline (from the service worker's copy) asks again as soon as the browser is back online.
    window.addEventListener("online", readInfo);
    return () => {
      window.removeEventListener("online", readInfo);
      isActive = false;
      watcher.cancel();
      if (watcherRef.current === watcher) watcherRef.current = null;
    };
  }, [updateInfo]);

  const onBlock = useCallback(
    (block: SignedBlock) => {
      if (block.header.height > infoRef.current.head.header.height) updateInfo({ ...infoRef.current, head: block });
    },
    [updateInfo],
  );

  const trustAgain = useCallback(() => {
    forgetPin();
    watcherRef.current?.trigger();
  }, []);

  const isAlarm =
    badReceipt !== null || watch.kind === "rewritten" || watch.kind === "key-changed" || watch.kind === "broken";
  return {
    info,
    infoError,
    watch,
    badReceipt,
    isAlarm,
    onBlock,
    reportBadReceipt: setBadReceipt,
    trustAgain,
  };
}
