"use client";
// Each receipt in the history, sealed until its witnessed receipt verifies under the pinned policy. The node is
// asked for a witnessed receipt only once the log watch has verified a witnessed checkpoint that holds its block
// (asking before would only be answered 404), then with backoff (1 s, 2 s, 4 s… at most 30 s) until it verifies,
// and never again after; a witnessed receipt is kept in this browser beside the receipt. A payment still sealed
// past the bound, while the node answers, is overdue: the wallet warns and pauses payments.
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

type Tracked = { status: WitnessStatus; attempts: number; nextAtMs: number; firstSeenMs: number };

/** A history entry as far as witnessing goes: its transaction and the height of its block. */
export type WitnessedEntry = { txId: string; blockHeight: number };

const sealed: WitnessStatus = { kind: "sealed" };

export type WitnessedView = { statusOf: (txId: string) => WitnessStatus | null; overdueTxIds: string[] };

export function useWitnessed(
  entries: readonly WitnessedEntry[],
  policy: Policy | null,
  /** The size of the newest witnessed checkpoint the log watch verified, or null. */
  witnessedSize: number | null,
  isNodeAnswering: boolean,
): WitnessedView {
  const trackedRef = useRef(new Map<string, Tracked>());
  const trackedPolicyRef = useRef<Policy | null>(null);
  const [statuses, setStatuses] = useState<{ policy: Policy | null; byTxId: ReadonlyMap<string, WitnessStatus> }>({
    policy: null,
    byTxId: new Map(),
  });
  const [overdueTxIds, setOverdueTxIds] = useState<string[]>([]);
  const entriesKey = entries.map((entry) => `${entry.txId}:${entry.blockHeight}`).join(",");
  const witnessedSizeRef = useRef(witnessedSize);
  const isNodeAnsweringRef = useRef(isNodeAnswering);
  useEffect(() => {
    witnessedSizeRef.current = witnessedSize;
    isNodeAnsweringRef.current = isNodeAnswering;
  }, [witnessedSize, isNodeAnswering]);

  useEffect(() => {
    if (policy === null) return;
    // A new policy (pinned again after an alarm) judges every receipt afresh.
    if (trackedPolicyRef.current !== policy) {
      trackedRef.current = new Map();
      trackedPolicyRef.current = policy;
    }
    let isActive = true;
    let isBusy = false;
    const watched = (entriesKey === "" ? [] : entriesKey.split(",")).map((key) => {
      const [txId = "", height = "0"] = key.split(":");
      return { txId, blockHeight: Number(height) };
    });
    const check = async (txId: string, tracked: Tracked | undefined, nowMs: number): Promise<Tracked> => {
      const base = tracked ?? {
        status: { kind: "sealed" },
        attempts: 0,
        nextAtMs: 0,
        firstSeenMs: nowMs,
      };
      const kept = tracked === undefined ? storedWitnessedReceipt(txId) : null;
      const answer =
        kept !== null ? { kind: "ok" as const, body: { witnessed: kept } } : await nodeClient.witnessed(txId);
      if (answer.kind !== "ok") {
        return { ...base, attempts: base.attempts + 1, nextAtMs: nowMs + witnessedPollDelayMs(base.attempts) };
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
      return { ...base, status, attempts: base.attempts + 1, nextAtMs: isFinal ? Infinity : nowMs };
    };
    const tick = async () => {
      if (isBusy) return;
      isBusy = true;
      try {
        const nowMs = Date.now();
        let hasChanged = false;
        for (const { txId, blockHeight } of watched) {
          const tracked = trackedRef.current.get(txId);
          if (tracked !== undefined && tracked.nextAtMs > nowMs) continue;
          const isInWitnessedLog = (witnessedSizeRef.current ?? 0) > blockHeight;
          const hasKept = tracked === undefined && storedWitnessedReceipt(txId) !== null;
          if (!isInWitnessedLog && !hasKept) {
            // Not in a witnessed checkpoint yet: nothing to ask; the bound runs from when it was first seen.
            if (tracked === undefined)
              trackedRef.current.set(txId, { status: sealed, attempts: 0, nextAtMs: 0, firstSeenMs: nowMs });
            continue;
          }
          const next = await check(txId, tracked, nowMs);
          if (!isActive) return;
          trackedRef.current.set(txId, next);
          hasChanged ||= next.status.kind !== tracked?.status.kind;
        }
        const overdue = watched
          .map((entry) => entry.txId)
          .filter((txId) => {
            const tracked = trackedRef.current.get(txId);
            return (
              tracked?.status.kind === "sealed" &&
              isWitnessOverdue(tracked.firstSeenMs, nowMs, isNodeAnsweringRef.current)
            );
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
  }, [entriesKey, policy]);

  return {
    statusOf: (txId) =>
      policy === null ? null : ((statuses.policy === policy ? statuses.byTxId.get(txId) : undefined) ?? sealed),
    overdueTxIds,
  };
}
