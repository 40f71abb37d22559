// The bytes GET /api/events sends: one `block` event per block, `id:` its height (PROTOCOL.md), and the lines
// that are the same for every stream. Each block is encoded once and the same bytes go to every stream.
import "server-only";
import type { SignedBlock } from "../../ledger/types";

/** How long a client's EventSource waits before it reconnects to a stream the server ended. */
export const reconnectDelayMs = 2_000;

const encoder = new TextEncoder();

/** Sent first on every stream; shared, since every stream sends the same bytes. */
export const retryFieldBytes = encoder.encode(`retry: ${reconnectDelayMs}\n\n`);

/** A comment line, so that proxies and clients see a quiet stream is still alive. */
export const keepAliveBytes = encoder.encode(": keep-alive\n\n");

export function formatBlockEvent(block: SignedBlock): string {
  return `id: ${block.header.height}\nevent: block\ndata: ${JSON.stringify(block)}\n\n`;
}

export function encodeBlockEvent(block: SignedBlock): Uint8Array {
  return encoder.encode(formatBlockEvent(block));
}
