// The plain-text answers of the log routes (PROTOCOL.md: `text/plain; charset=utf-8`).
import "server-only";

export function plainText(text: string): Response {
  return new Response(text, {
    status: 200,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}
