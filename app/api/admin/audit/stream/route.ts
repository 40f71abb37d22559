// GET /api/admin/audit/stream – admin only: the same audit as /api/admin/audit, reported as it goes, as
// newline-delimited JSON: {"checked", "head"} lines, then {"result"}. The explorer draws its progress bar from it.
import { auditChain } from "@/lib/server/admin/audit-chain";
import { route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route(
  ({ node }) => {
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (value: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
        // The status line has gone out by now, so a failure can only be reported in the stream itself.
        try {
          const result = await auditChain(node, (checked, head) => send({ checked, head }));
          send({ result });
        } catch (error) {
          console.error("audit failed", error);
          send({ error: { code: "internal_error", message: "The audit could not be completed." } });
        }
        controller.close();
      },
    });
    const headers = { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" };
    return Promise.resolve(new Response(stream, { headers }));
  },
  { admin: true },
);
