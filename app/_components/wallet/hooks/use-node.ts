"use client";
// The node as this wallet sees it: its facts (first rendered by the server, then kept current), whether it can
// be reached, and the wallet's own audit of its chain, run again whenever the head moves.
import { useCallback, useEffect, useRef, useState } from "react";
import type { SignedBlock } from "@/lib/ledger/types";
import { forgetPin, watchChain, type WatchState } from "@/lib/wallet/chain-watch";
import { nodeClient, type NodeInfo } from "@/lib/wallet/node-client";

export type NodeView = {
  info: NodeInfo;
  /** Why the node could not be reached the last time it was asked, or null. */
  infoError: string | null;
  watch: WatchState;
  /** True when the audit found the node rewriting history, swapping its key, or serving a broken chain. */
  isAlarm: boolean;
  /** A new block from the node's events: the head moves, and the wallet checks it extends what it verified. */
  onBlock: (block: SignedBlock) => void;
  /** The person read the warning and chose to trust the node as it is now. */
  trustAgain: () => void;
};

export function useNode(initialInfo: NodeInfo): NodeView {
  const [info, setInfo] = useState(initialInfo);
  // The event handler reads the newest head through a ref: blocks can arrive faster than React re-renders.
  const infoRef = useRef(initialInfo);
  const [infoError, setInfoError] = useState<string | null>(null);
  const [watch, setWatch] = useState<WatchState>({ kind: "checking" });
  const isWatchingRef = useRef(false);

  // One audit at a time. A head that arrives while one runs is audited right after it, from wherever it pinned.
  const nextWatchRef = useRef<NodeInfo | null>(null);
  const runWatch = useCallback(async (nodeInfo: NodeInfo) => {
    nextWatchRef.current = nodeInfo;
    if (isWatchingRef.current) return;
    isWatchingRef.current = true;
    try {
      let next: NodeInfo | null = nodeInfo;
      while (next !== null) {
        nextWatchRef.current = null;
        setWatch(await watchChain(next));
        next = nextWatchRef.current;
      }
    } finally {
      isWatchingRef.current = false;
    }
  }, []);

  /**
   * The head only moves forward here. An answer to an older request can arrive after a newer block's event; taken
   * as it is, it would look to the audit as if the node had dropped the blocks this wallet verified since.
   */
  const updateInfo = useCallback((answered: NodeInfo): NodeInfo => {
    const current = infoRef.current;
    const next =
      answered.head.header.height >= current.head.header.height ? answered : { ...answered, head: current.head };
    infoRef.current = next;
    setInfo(next);
    return next;
  }, []);

  // First visit of this page: the node's facts fresh from the node, then the chain check.
  useEffect(() => {
    void (async () => {
      const result = await nodeClient.node();
      if (result.kind !== "ok") {
        setInfoError(result.kind === "unreachable" ? result.message : result.error.message);
        return;
      }
      setInfoError(null);
      await runWatch(updateInfo(result.body));
    })();
  }, [runWatch, updateInfo]);

  const onBlock = useCallback(
    (block: SignedBlock) => {
      const current = infoRef.current;
      if (block.header.height <= current.head.header.height) return;
      void runWatch(updateInfo({ ...current, head: block }));
    },
    [runWatch, updateInfo],
  );

  const trustAgain = useCallback(() => {
    forgetPin();
    void runWatch(infoRef.current);
  }, [runWatch]);

  const isAlarm = watch.kind === "rewritten" || watch.kind === "key-changed" || watch.kind === "broken";
  return { info, infoError, watch, isAlarm, onBlock, trustAgain };
}
