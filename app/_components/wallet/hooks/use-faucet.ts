"use client";
// Test funds from the node's faucet, for the active account, with what happened said plainly.
import { useCallback, useState } from "react";
import { messageFor } from "@/lib/wallet/messages";
import { nodeClient } from "@/lib/wallet/node-client";
import { walletMessage, type WalletMessage } from "@/lib/wallet/wallet-message";

export type FaucetMessage = { tone: "ok" | "error"; text: WalletMessage };

export type FaucetView = { message: FaucetMessage | null; isBusy: boolean; request: () => void };

export function useFaucet(publicKey: string | null, onFunded: () => void): FaucetView {
  // Keyed by account, like the account itself: another wallet's faucet message is not this one's.
  const [answer, setAnswer] = useState<{ publicKey: string; message: FaucetMessage } | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const request = useCallback(() => {
    if (publicKey === null) return;
    setIsBusy(true);
    setAnswer(null);
    void nodeClient.faucet(publicKey).then((result) => {
      setIsBusy(false);
      if (result.kind === "ok") {
        setAnswer({ publicKey, message: { tone: "ok", text: walletMessage("faucet.received") } });
        onFunded();
        return;
      }
      const text =
        result.kind === "unreachable"
          ? result.problem
          : result.error.code === "rate_limited"
            ? rateLimitedMessage(result.error.message)
            : messageFor(result.error.code);
      setAnswer({ publicKey, message: { tone: "error", text } });
    });
  }, [publicKey, onFunded]);

  return { message: answer?.publicKey === publicKey ? answer.message : null, isBusy, request };
}

/** A rate limit's own (English) message says how long to wait: the wallet says the same in the reader's words. */
function rateLimitedMessage(nodeMessage: string): WalletMessage {
  const seconds = /(\d+) s\b/.exec(nodeMessage)?.[1];
  return seconds === undefined
    ? messageFor("rate_limited")
    : walletMessage("faucet.tryAgainIn", { seconds: Number(seconds) });
}
