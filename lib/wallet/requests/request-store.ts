// The payment requests this browser made, kept in localStorage (the keystore's IndexedDB database is left as it
// is): what each asked for, its signature, when it was made, and once seen, the payment that paid it. What is read
// back is checked with zod: storage is shared with every other script of this origin and with older versions of
// the wallet, so a malformed entry is dropped, never trusted.
import { z } from "zod";
import { hex128Pattern, hex64Pattern } from "../../ledger/hex";
import { amountPattern, currencyCodePattern, currencyDecimalsMax } from "../../ledger/limits";
import { memoProblem } from "../../ledger/transaction";
import type { Currency } from "../../ledger/types";
import type { PaymentRequest } from "./request-link";

/** The newest this many requests are kept, across every wallet in this browser; older ones are forgotten. */
export const storedRequestsMax = 200;

const storageKey = "chainpay:requests";

const storedRequestSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{32}$/),
  to: z.string().regex(hex64Pattern),
  amountMinor: z.string().regex(amountPattern).nullable(),
  memo: z.string().refine((memo) => memoProblem(memo) === null),
  expiresAt: z.number().int().positive().nullable(),
  signature: z.string().regex(hex128Pattern),
  currency: z.object({
    code: z.string().regex(currencyCodePattern),
    decimals: z.number().int().min(0).max(currencyDecimalsMax),
  }),
  createdAt: z.iso.datetime(),
  /** The payment seen to pay it (its txId), once the request page has found and verified one. */
  paidTxId: z.string().regex(hex64Pattern).nullable(),
});

export type StoredRequest = z.infer<typeof storedRequestSchema>;

/** The request a stored one stands for, as the link and its signature carry it. */
export function requestOf(stored: StoredRequest): PaymentRequest {
  return {
    to: stored.to,
    amountMinor: stored.amountMinor === null ? null : BigInt(stored.amountMinor),
    memo: stored.memo,
    expiresAt: stored.expiresAt,
  };
}

/** Every stored request, newest first; an entry that does not parse is left out. */
export function readRequests(): StoredRequest[] {
  return parseStoredRequests(localStorage.getItem(storageKey));
}

/** The stored text (localStorage's value for requestsStorageKey) read as requests, dropping what does not parse. */
export function parseStoredRequests(text: string | null): StoredRequest[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text ?? "[]");
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item) => {
    const parsed = storedRequestSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Dispatched on window after every write: the storage event reaches only the other tabs, this one needs its own. */
export const requestsChangedEvent = "chainpay:requests-changed";

function writeRequests(requests: StoredRequest[]): void {
  localStorage.setItem(storageKey, JSON.stringify(requests.slice(0, storedRequestsMax)));
  window.dispatchEvent(new Event(requestsChangedEvent));
}

/** A new request id: 128 random bits, so that two tabs making requests at once never pick the same one. */
export function newRequestId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function saveRequest(input: {
  request: PaymentRequest;
  signature: string;
  currency: Currency;
  nowMs?: number;
}): StoredRequest {
  const stored = storedRequestSchema.parse({
    id: newRequestId(),
    to: input.request.to,
    amountMinor: input.request.amountMinor === null ? null : input.request.amountMinor.toString(),
    memo: input.request.memo,
    expiresAt: input.request.expiresAt,
    signature: input.signature,
    currency: { code: input.currency.code, decimals: input.currency.decimals },
    createdAt: new Date(input.nowMs ?? Date.now()).toISOString(),
    paidTxId: null,
  });
  // Read just before writing: another tab may have added one since this one last looked.
  writeRequests([stored, ...readRequests()]);
  return stored;
}

export function findRequest(id: string): StoredRequest | undefined {
  return readRequests().find((request) => request.id === id);
}

/** Records the payment that paid request `id` (its first one: a later match never replaces it). */
export function markRequestPaid(id: string, txId: string): void {
  writeRequests(
    readRequests().map((request) =>
      request.id === id && request.paidTxId === null ? { ...request, paidTxId: txId } : request,
    ),
  );
}

export function removeRequest(id: string): void {
  writeRequests(readRequests().filter((request) => request.id !== id));
}

/** The storage event's key for this store, for hooks that follow changes made in other tabs. */
export const requestsStorageKey = storageKey;
