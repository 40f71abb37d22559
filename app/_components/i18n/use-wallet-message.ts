"use client";
// Says a WalletMessage (lib/wallet/wallet-message.ts) in the page's language: its money values formatted in the
// locale first, then the sentence from the `walletErrors` area.
import { useCallback } from "react";
import { useTranslations } from "next-intl";
import type { WalletMessage } from "@/lib/wallet/wallet-message";
import { useFormat } from "./use-format";

export function useWalletMessage(): (message: WalletMessage) => string {
  const t = useTranslations("walletErrors");
  const format = useFormat();
  return useCallback(
    (message: WalletMessage) => {
      const amounts = Object.fromEntries(
        Object.entries(message.amounts ?? {}).map(([name, { amountMinor, currency }]) => [
          name,
          format.amount(amountMinor, currency),
        ]),
      );
      return t(message.key, { ...message.values, ...amounts });
    },
    [t, format],
  );
}
