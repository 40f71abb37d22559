"use client";
// The request in this page's address, read in the browser: parsed strictly (request-link.ts) against the node's
// currency and the browser's clock, then its signature checked against its payee.
import { useEffect, useMemo, useState } from "react";
import type { Currency } from "@/lib/ledger/types";
import {
  parseRequestLink,
  type ParsedRequestLink,
  type PaymentRequest,
  type RequestLinkError,
} from "@/lib/wallet/requests/request-link";
import { verifyRequestSignature, type RequestSignatureVerdict } from "@/lib/wallet/requests/request-signature";
import { useLocationSearch } from "../browser-state";

export type RequestLinkState =
  | { kind: "reading" }
  | { kind: "bad"; error: RequestLinkError | "tampered" }
  | { kind: "ok"; request: PaymentRequest; isSigned: boolean };

export function useRequestLink(currency: Currency): RequestLinkState {
  const search = useLocationSearch();
  const { code, decimals } = currency;
  // The clock is read once, with the address: a request that expires while the page is open is refused on submit.
  const parsed = useMemo<ParsedRequestLink | null>(
    () => (search === null ? null : parseRequestLink(search.search, { code, decimals }, search.readAtMs)),
    [search, code, decimals],
  );
  const [verdict, setVerdict] = useState<{ of: ParsedRequestLink; verdict: RequestSignatureVerdict } | null>(null);
  useEffect(() => {
    if (parsed === null || !parsed.ok) return;
    let isActive = true;
    void verifyRequestSignature(parsed.request, parsed.signature, { code, decimals }).then((result) => {
      if (isActive) setVerdict({ of: parsed, verdict: result });
    });
    return () => {
      isActive = false;
    };
  }, [parsed, code, decimals]);

  if (parsed === null) return { kind: "reading" };
  if (!parsed.ok) return { kind: "bad", error: parsed.error };
  if (verdict === null || verdict.of !== parsed) return { kind: "reading" };
  if (verdict.verdict === "tampered") return { kind: "bad", error: "tampered" };
  return { kind: "ok", request: parsed.request, isSigned: verdict.verdict === "signed" };
}
