// A sentence the wallet's pure code wants shown, as a message key and its values rather than as text: the code
// stays free of any language, and the component that shows it translates it in the reader's (see
// app/_components/i18n/use-wallet-message.ts). Keys live in the `walletErrors` area (messages/<locale>/walletErrors.json).
import type { Currency } from "../ledger/types";

export type WalletMessage = {
  key: string;
  values?: Record<string, string | number>;
  /** Values that are money, formatted in the reader's locale before the sentence is translated. */
  amounts?: Record<string, { amountMinor: string; currency: Currency }>;
};

export function walletMessage(key: string, values?: WalletMessage["values"]): WalletMessage {
  return values === undefined ? { key } : { key, values };
}
