// What a scanned QR code asks for. A chainpay payment request is a link to `/pay?…` (lib/wallet/requests): on
// this node it opens the pay page with it; a link to another node's `/pay` is said to be from elsewhere, and is
// still opened here on request (its payee and amount are plain fields, paid on this node's ledger). A bare
// account key (the wallet's own "Show full key and QR") opens the pay page with that payee and an open amount.
// Anything else is not for the wallet, and the scanner says so, never guessing.
import { accountKeyProblem } from "../../ledger/ed25519";

/** A QR code holds under 3 KiB; more text than that is not a link this wallet made. */
export const scannedTextLengthMax = 4096;

export type ScannedCode =
  | { kind: "request"; path: string }
  | { kind: "foreign-request"; path: string; host: string }
  | { kind: "not-a-request"; text: string };

export function classifyScannedCode(rawText: string, ownOrigin: string): ScannedCode {
  const text = rawText.trim();
  const notARequest = { kind: "not-a-request", text: text.slice(0, 200) } as const;
  if (text.length > scannedTextLengthMax) return notARequest;
  const key = text.toLowerCase();
  if (accountKeyProblem(key) === null) return { kind: "request", path: `/pay?to=${key}` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return notARequest;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return notARequest;
  if (url.pathname !== "/pay" || url.search === "") return notARequest;
  // The query as it came, fragment left behind: the pay page checks every field strictly itself.
  const path = `/pay${url.search}`;
  if (url.origin === new URL(ownOrigin).origin) return { kind: "request", path };
  return { kind: "foreign-request", path, host: url.host };
}
