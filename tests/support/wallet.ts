// A test wallet: an Ed25519 key made with node:crypto, signing payments exactly as a browser wallet does.
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { canonicalBytes } from "@/lib/ledger/canonical";
import { bytesToHex } from "@/lib/ledger/hex";
import type { SignedTransaction, Transaction } from "@/lib/ledger/types";
import { publicKeyHexOf } from "@/lib/crypto/ed25519";

export type TestWallet = { publicKey: string; privateKey: KeyObject };

export function makeWallet(): TestWallet {
  const { privateKey } = generateKeyPairSync("ed25519");
  return { publicKey: publicKeyHexOf(privateKey), privateKey };
}

export function signTransaction(wallet: TestWallet, tx: Transaction): SignedTransaction {
  return { tx, signature: bytesToHex(sign(null, canonicalBytes(tx), wallet.privateKey)) };
}

let uniqueMs = 0;

/** A payment signed by `from`; each call gets a distinct timestamp so that equal payments are distinct. */
export function signPayment(
  from: TestWallet,
  to: string,
  amount: string,
  options: { chainId?: string; memo?: string; timestamp?: string } = {},
): SignedTransaction {
  // Distinct milliseconds keep otherwise equal payments distinct, while staying close to the clock.
  uniqueMs = Math.max(uniqueMs + 1, Date.now() - 60_000);
  const tx: Transaction = {
    type: "payment",
    chainId: options.chainId ?? "chainpay-test",
    from: from.publicKey,
    to,
    amount,
    ...(options.memo === undefined ? {} : { memo: options.memo }),
    timestamp: options.timestamp ?? new Date(uniqueMs).toISOString(),
  };
  return signTransaction(from, tx);
}
