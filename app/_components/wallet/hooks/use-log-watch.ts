"use client";
// The node's witnessed log as this wallet sees it: the policy pinned with the node key, and the consistency watch
// of its newest witnessed checkpoint, run again (at most once a second) whenever the head moves.
import { useCallback, useEffect, useRef, useState } from "react";
import { trustedNodeKey } from "@/lib/wallet/chain-watch";
import { coalesce, type Coalesced } from "@/lib/wallet/coalesce";
import type { NodeInfo } from "@/lib/wallet/node-client";
import { forgetLogPin, type LogWatchState } from "@/lib/wallet/witnessed/log-watch";
import { forgetPolicyPin } from "@/lib/wallet/witnessed/policy-pin";
import { checkNodeLog, checkNodePolicy, type PolicyView } from "@/lib/wallet/witnessed/watch-node-log";

/** A checkpoint moves at the node's cosigning pace (about a second): the watch asks no more often than that. */
export const logWatchIntervalMs = 1000;

/** With no new block, the newest checkpoint is looked at again this often. */
export const logWatchQuietRecheckMs = 5000;

export type LogView = {
  policy: PolicyView;
  log: LogWatchState;
  /** The head moved: check the newest checkpoint again. */
  recheck: () => void;
  /** The person read the policy warning and chose to trust the node's policy as it is now. */
  trustPolicyAgain: () => void;
};

export function useLogWatch(info: NodeInfo): LogView {
  const [policy, setPolicy] = useState<PolicyView>({ kind: "checking" });
  const [log, setLog] = useState<LogWatchState>({ kind: "checking" });
  const infoRef = useRef(info);
  const watcherRef = useRef<Coalesced | null>(null);
  useEffect(() => {
    infoRef.current = info;
  }, [info]);

  useEffect(() => {
    let isActive = true;
    const watcher = coalesce(async () => {
      const nodeKey = await trustedNodeKey(infoRef.current);
      const policyView = await checkNodePolicy(nodeKey);
      if (!isActive) return;
      setPolicy(policyView);
      // Only a pinned policy says whose cosignatures count: without one no checkpoint is trusted.
      if (policyView.kind !== "pinned") return;
      const logState = await checkNodeLog(nodeKey, policyView.policy, Date.now());
      if (isActive) setLog(logState);
    }, logWatchIntervalMs);
    watcherRef.current = watcher;
    watcher.trigger();
    // Witnesses cosign a little after the head moves: without new blocks the watch still looks again now and then.
    const timer = setInterval(watcher.trigger, logWatchQuietRecheckMs);
    return () => {
      isActive = false;
      clearInterval(timer);
      watcher.cancel();
      if (watcherRef.current === watcher) watcherRef.current = null;
    };
  }, []);

  const recheck = useCallback(() => watcherRef.current?.trigger(), []);
  const trustPolicyAgain = useCallback(() => {
    forgetPolicyPin();
    forgetLogPin();
    setLog({ kind: "checking" });
    watcherRef.current?.trigger();
  }, []);
  return { policy, log, recheck, trustPolicyAgain };
}
