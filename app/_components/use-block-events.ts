"use client";
import { useEffect, useRef } from "react";
import type { SignedBlock } from "@/lib/ledger/types";

/** Calls `onBlock` for every new block from the node's event stream; EventSource reconnects by itself. */
export function useBlockEvents(onBlock: (block: SignedBlock) => void, isEnabled = true): void {
  const handler = useRef(onBlock);
  useEffect(() => {
    handler.current = onBlock;
  }, [onBlock]);
  useEffect(() => {
    if (!isEnabled) return;
    const source = new EventSource("/api/events");
    const listener = (event: MessageEvent<string>) => handler.current(JSON.parse(event.data) as SignedBlock);
    source.addEventListener("block", listener);
    return () => {
      source.removeEventListener("block", listener);
      source.close();
    };
  }, [isEnabled]);
}
