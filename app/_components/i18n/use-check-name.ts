"use client";
// The receipt checks of the pure core (lib/ledger/receipt.ts, lib/ledger/log/witnessed.ts, the wallet's witnessed
// status) are named in English, the words the CLI verifier prints too. A page says each in its reader's
// language: the fixed names by a table, the ones that carry values by their pattern; a name this table does not
// know is shown as it is, so a new check is never hidden.
import { useCallback } from "react";
import { useTranslations } from "next-intl";

const keyByName: Record<string, string> = {
  "The receipt names the node key you trust": "trustedKey",
  "The transaction id is the SHA-256 of the transaction": "txId",
  "The node signed this mint": "mintSigned",
  "The payer signed this payment": "paymentSigned",
  "The transaction belongs to the block's chain": "chain",
  "The block hash is the SHA-256 of its header": "blockHash",
  "The node signed the block header": "headerSigned",
  "The Merkle inclusion proof leads to the block's Merkle root": "merkle",
  "The policy names one log key, the node's (Ed25519)": "policyLogKey",
  "The checkpoint's origin is the name of the policy's log key": "origin",
  "The log proof's tree size is the checkpoint's size": "logTreeSize",
  "The policy needs no witness cosignature (quorum none)": "quorumNone",
  "The witnessed receipt is well formed": "witnessedWellFormed",
  "The witnessed receipt is for this payment": "witnessedForPayment",
  "The receipt inside is the one the node answered the payment with": "witnessedSameReceipt",
  "The witnessed receipt verifies": "witnessedVerifies",
};

const patterns: readonly [RegExp, string, readonly string[]][] = [
  [/^The node signed the checkpoint of (.+) at size (\d+)$/, "checkpointSigned", ["origin", "size"]],
  [/^The node signed the checkpoint \((.+)\)$/, "checkpointUnsigned", ["reason"]],
  [/^A quorum of witnesses cosigned the checkpoint \((\d+) of (\d+): (.+)\)$/, "quorum", ["count", "total", "names"]],
  [/^The block is leaf (\d+) of the witnessed log$/, "logLeaf", ["height"]],
];

export function useCheckName(): (name: string) => string {
  const t = useTranslations("receipts.checks");
  return useCallback(
    (name: string) => {
      const key = keyByName[name];
      if (key !== undefined) return t(key);
      for (const [pattern, patternKey, argumentNames] of patterns) {
        const match = pattern.exec(name);
        if (match === null) continue;
        const values = Object.fromEntries(argumentNames.map((argument, index) => [argument, match[index + 1] ?? ""]));
        return t(patternKey, values);
      }
      return name;
    },
    [t],
  );
}
