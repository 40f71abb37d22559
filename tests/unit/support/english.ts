// Says a WalletMessage in English with the app's own catalogue, so that the wallet's unit tests assert the very
// sentences a reader sees (and fail when a key has no English text).
import { createTranslator } from "next-intl";
import walletErrors from "@/messages/en/walletErrors.json";
import { formatAmount } from "@/lib/wallet/format";
import type { WalletMessage } from "@/lib/wallet/wallet-message";

const t = createTranslator({
  locale: "en",
  messages: { walletErrors },
  namespace: "walletErrors",
  onError: (error) => {
    throw error;
  },
});

export function english(message: WalletMessage | null | undefined): string | null {
  if (message === null || message === undefined) return null;
  const amounts = Object.fromEntries(
    Object.entries(message.amounts ?? {}).map(([name, { amountMinor, currency }]) => [
      name,
      formatAmount(amountMinor, currency),
    ]),
  );
  return (t as (key: string, values?: Record<string, string | number>) => string)(message.key, {
    ...message.values,
    ...amounts,
  });
}

/** Each field's problem in English. */
export function englishProblems(problems: Partial<Record<string, WalletMessage>>): Record<string, string | null> {
  return Object.fromEntries(Object.entries(problems).map(([field, message]) => [field, english(message)]));
}
