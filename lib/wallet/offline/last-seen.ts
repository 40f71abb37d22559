// The account as this browser last saw it online: its balance and the newest page of its history, with the time
// it was seen, kept in localStorage per account so that the wallet opened offline can show them, marked as such.
// Only the browser's own accounts are kept (the wallet's), and only what the node showed them.
import { z } from "zod";
import type { AccountEntry } from "../../ledger/types";
import { balanceSchema, hex64Schema, timestampSchema, transactionSchema } from "../../validations/transaction";

/**
 * How often the wallet asks again for an account whose node it could not reach while the browser says it is
 * online (a browser's word on being online is only a hint: an emulated or captive network keeps saying online).
 */
export const unreachableRetryMs = 10_000;

/** The history shown offline: the newest entries, as many as the wallet's first pages show. */
export const lastSeenEntriesMax = 50;
const storeKeyPrefix = "chainpay:last-seen:";

const lastSeenSchema = z.object({
  balance: balanceSchema,
  entries: z
    .array(
      z.object({
        txId: hex64Schema,
        tx: transactionSchema,
        blockHeight: z.number().int().min(0),
        leafIndex: z.number().int().min(0),
      }),
    )
    .max(lastSeenEntriesMax),
  seenAt: timestampSchema,
});

export type LastSeen = { balanceMinor: bigint; entries: AccountEntry[]; seenAt: string };

export function rememberLastSeen(publicKey: string, balanceMinor: bigint, entries: readonly AccountEntry[]): void {
  const value = {
    balance: balanceMinor.toString(),
    entries: entries.slice(0, lastSeenEntriesMax),
    seenAt: new Date().toISOString(),
  };
  try {
    localStorage.setItem(storeKeyPrefix + publicKey, JSON.stringify(value));
  } catch {
    // Storage full or refused (private browsing): offline, the wallet then says it has nothing to show.
  }
}

/** What was seen of the account, or null: never seen here, or a damaged value (ignored, never trusted). */
export function readLastSeen(publicKey: string): LastSeen | null {
  try {
    const parsed = lastSeenSchema.safeParse(JSON.parse(localStorage.getItem(storeKeyPrefix + publicKey) ?? "null"));
    if (!parsed.success) return null;
    return { balanceMinor: BigInt(parsed.data.balance), entries: parsed.data.entries, seenAt: parsed.data.seenAt };
  } catch {
    return null;
  }
}
