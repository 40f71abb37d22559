"use client";
// Each receipt in the history, sealed until its witnessed receipt verifies under the pinned policy. Sealed ones
// are asked about again with backoff (1 s, 2 s, 4 s… at most 30 s), witnessed ones never again; a witnessed
// receipt is kept in this browser beside the receipt. A payment still sealed past the bound, while the node
// answers, is overdue: the wallet warns and pauses payments.
import { useEffect, useRef, useState } from "react";
import { verifyWithWebCrypto } from "@/lib/ledger/ed25519";
import type { Policy } from "@/lib/ledger/log/policy";
import { nodeClient } from "@/lib/wallet/node-client";
import { rememberWitnessedReceipt, storedReceipt, storedWitnessedReceipt } from "@/lib/wallet/witnessed/receipt-store";
import {
  isWitnessOverdue,
  witnessStatusOf,
  witnessedPollDelayMs,
  type WitnessStatus,
} from "@/lib/wallet/witnessed/witnessed-status";

/** How often the wallet looks for receipts whose next poll is due. */
export const witnessedTickMs = 500;

type Tracked = { status: WitnessStatus; attempts: number; nextAtMs: number; firstSeenMs: number; isAnswered: boolean };

const sealed: WitnessStatus = { kind: "sealed" };

export type WitnessedView = { statusOf: (txId: string) => WitnessStatus | null; overdueTxIds: string[] };

export function useWitnessed(txIds: readonly string[], policy: Policy | null): WitnessedView {
  const trackedRef = useRef(new Map<string, Tracked>());
  const trackedPolicyRef = useRef<Policy | null>(null);
  const [statuses, setStatuses] = useState<{ policy: Policy | null; byTxId: ReadonlyMap<string, WitnessStatus> }>({
    policy: null,
    byTxId: new Map(),
  });
  const [overdueTxIds, setOverdueTxIds] = useState<string[]>([]);
  const txIdsKey = txIds.join(",");

  useEffect(() => {
    if (policy === null) return;
    // A new policy (pinned again after an alarm) judges every receipt afresh.
    if (trackedPolicyRef.current !== policy) {
      trackedRef.current = new Map();
      trackedPolicyRef.current = policy;
    }
    let isActive = true;
    let isBusy = false;
    const ids = txIdsKey === "" ? [] : txIdsKey.split(",");
    const check = async (txId: string, tracked: Tracked | undefined, nowMs: number): Promise<Tracked> => {
      const base = tracked ?? {
        status: { kind: "sealed" },
        attempts: 0,
        nextAtMs: 0,
        firstSeenMs: nowMs,
        isAnswered: false,
      };
      const kept = tracked === undefined ? storedWitnessedReceipt(txId) : null;
      const answer =
        kept !== null ? { kind: "ok" as const, body: { witnessed: kept } } : await nodeClient.witnessed(txId);
      if (answer.kind !== "ok") {
        const isNotYet = answer.kind === "refused" && answer.status === 404;
        return {
          ...base,
          attempts: base.attempts + 1,
          nextAtMs: nowMs + witnessedPollDelayMs(base.attempts),
          isAnswered: isNotYet,
        };
      }
      const status = await witnessStatusOf({
        answer: answer.body,
        storedReceipt: storedReceipt(txId),
        txId,
        policy,
        nowMs: Date.now(),
        verify: verifyWithWebCrypto,
      });
      if (status.kind === "witnessed" || status.kind === "node-alone") rememberWitnessedReceipt(status.witnessed);
      // A kept receipt that no longer verifies (another policy) is asked of the node again.
      const isFinal = status.kind !== "invalid" || kept === null;
      return { ...base, status, attempts: base.attempts + 1, nextAtMs: isFinal ? Infinity : nowMs, isAnswered: true };
    };
    const tick = async () => {
      if (isBusy) return;
      isBusy = true;
      try {
        const nowMs = Date.now();
        let hasChanged = false;
        for (const txId of ids) {
          const tracked = trackedRef.current.get(txId);
          if (tracked !== undefined && tracked.nextAtMs > nowMs) continue;
          const next = await check(txId, tracked, nowMs);
          if (!isActive) return;
          trackedRef.current.set(txId, next);
          hasChanged ||= next.status.kind !== tracked?.status.kind;
        }
        const overdue = ids.filter((txId) => {
          const tracked = trackedRef.current.get(txId);
          return tracked?.status.kind === "sealed" && isWitnessOverdue(tracked.firstSeenMs, nowMs, tracked.isAnswered);
        });
        setOverdueTxIds((previous) => (previous.join(",") === overdue.join(",") ? previous : overdue));
        if (hasChanged) {
          const byTxId = new Map([...trackedRef.current].map(([txId, tracked]) => [txId, tracked.status]));
          setStatuses({ policy, byTxId });
        }
      } finally {
        isBusy = false;
      }
    };
    void tick();
    const timer = setInterval(() => void tick(), witnessedTickMs);
    return () => {
      isActive = false;
      clearInterval(timer);
    };
  }, [txIdsKey, policy]);

  return {
    statusOf: (txId) =>
      policy === null ? null : ((statuses.policy === policy ? statuses.byTxId.get(txId) : undefined) ?? sealed),
    overdueTxIds,
  };
}
