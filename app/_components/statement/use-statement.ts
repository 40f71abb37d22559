"use client";
// Building the holder's statement in the browser: the account's history and receipts from the node's public API
// (lib/wallet/statement/collect-statement.ts, bounded, with progress), each receipt verified against the node key
// this browser trusts, then the statement document, from which the CSV and JSON files are made on demand.
import { useCallback, useEffect, useRef, useState } from "react";
import { verifyWithWebCrypto } from "@/lib/ledger/ed25519";
import { verifyReceipt } from "@/lib/ledger/receipt";
import type { NodeInfo } from "@/lib/ledger/types";
import type { Statement } from "@/lib/validations/statement";
import { trustedNodeKey } from "@/lib/wallet/chain-watch";
import { storedReceipt } from "@/lib/wallet/witnessed/receipt-store";
import { collectStatementReceipts, type StatementProgress } from "@/lib/wallet/statement/collect-statement";
import { buildStatement, type StatementRange } from "@/lib/wallet/statement/statement-document";

export type StatementState =
  | { kind: "idle" }
  | { kind: "building"; progress: StatementProgress | null }
  | { kind: "ready"; statement: Statement; isTruncated: boolean }
  | { kind: "failed"; reason: "unreachable" | "refused" | "unverified"; txId?: string };

export function useStatement(account: string, info: NodeInfo) {
  const [state, setState] = useState<StatementState>({ kind: "idle" });
  const abortRef = useRef<AbortController | null>(null);

  const cancel = useCallback(() => {
    abortRef.current?.abort();
    abortRef.current = null;
    setState({ kind: "idle" });
  }, []);
  useEffect(() => () => abortRef.current?.abort(), []);

  const build = useCallback(
    async (range: StatementRange) => {
      abortRef.current?.abort();
      const controller = new AbortController();
      abortRef.current = controller;
      setState({ kind: "building", progress: null });
      const nodePublicKey = await trustedNodeKey(info);
      try {
        const result = await collectStatementReceipts({
          account,
          range,
          storedReceipt,
          isReceiptVerified: async (receipt) => (await verifyReceipt(receipt, nodePublicKey, verifyWithWebCrypto)).ok,
          onProgress: (progress) => {
            if (!controller.signal.aborted) setState({ kind: "building", progress });
          },
          signal: controller.signal,
        });
        if (controller.signal.aborted) return;
        if (result.kind === "failed") {
          setState(result);
          return;
        }
        const statement = buildStatement({
          account,
          chainId: info.chainId,
          nodePublicKey,
          currency: info.currency,
          range,
          receipts: result.receipts,
          createdAt: new Date().toISOString(),
        });
        setState({ kind: "ready", statement, isTruncated: result.isTruncated });
      } catch (error) {
        // Aborted by closing the dialog: nothing to say.
        if (controller.signal.aborted) return;
        throw error;
      }
    },
    [account, info],
  );

  return { state, build, cancel };
}
