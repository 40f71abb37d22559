"use client";
// The payment requests kept in this browser (lib/wallet/requests/request-store.ts), following changes made in
// this tab and in others.
import { useMemo } from "react";
import { parseStoredRequests, type StoredRequest } from "@/lib/wallet/requests/request-store";
import { useStoredRequestsText } from "./browser-state";

/** One account's requests, newest first; null until localStorage has been read (in the browser only). */
export function useRequests(publicKey: string): StoredRequest[] | null {
  const text = useStoredRequestsText();
  return useMemo(
    () => (text === undefined ? null : parseStoredRequests(text).filter((request) => request.to === publicKey)),
    [text, publicKey],
  );
}

/** The request with `id`: undefined while loading, null when this browser holds none of that id. */
export function useRequest(id: string): StoredRequest | null | undefined {
  const text = useStoredRequestsText();
  return useMemo(
    () => (text === undefined ? undefined : (parseStoredRequests(text).find((request) => request.id === id) ?? null)),
    [text, id],
  );
}
