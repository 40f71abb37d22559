// GET /api/admin/audit/stream – admin only: the same audit as /api/admin/audit, reported as it goes, as
// newline-delimited JSON: {"checked", "head"} lines, then {"result"} (or {"error"} when the audit could not finish,
// such as past its snapshot's time limit). The explorer draws its progress bar from it.
import { LedgerError } from "@/lib/ledger/errors";
import { startAudit } from "@/lib/server/admin/audit-chain";
import { otherMethods, route } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const GET = route(
  async ({ node }) => {
    // Before the stream: an audit past the snapshot limit is refused with a status of its own (503, retry-after).
    const runAudit = await startAudit(node);
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (value: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
        // The status line has gone out by now, so a failure can only be reported in the stream itself.
        try {
          const result = await runAudit((checked, head) => send({ checked, head }));
          send({ result });
        } catch (error) {
          if (error instanceof LedgerError) send({ error: { code: error.code, message: error.message } });
          else {
            console.error("audit failed", error);
            send({ error: { code: "internal_error", message: "The audit could not be completed." } });
          }
        }
        controller.close();
      },
    });
    const headers = { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" };
    return new Response(stream, { headers });
  },
  { admin: true },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
