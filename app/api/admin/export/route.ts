// GET /api/admin/export?kind=account&account=<hex64>&format=csv|json – admin only: an account statement.
// GET /api/admin/export?kind=blocks&from=H&to=H&format=csv|json – admin only: up to 1,000 blocks.
// Downloaded as an attachment; the JSON form verifies offline with `npm run verify -- --file`.
import { exportLedger } from "@/lib/server/export/export-ledger";
import { parseOrThrow } from "@/lib/server/http/errors";
import { queryOf } from "@/lib/server/http/query";
import { otherMethods, route } from "@/lib/server/http/route";
import { exportQuerySchema } from "@/lib/validations/export";

export const dynamic = "force-dynamic";

export const GET = route(
  async ({ request, node }) => {
    const query = parseOrThrow(exportQuerySchema, queryOf(request));
    const { filename, contentType, body } = await exportLedger(node, query);
    const headers = {
      "content-type": contentType,
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    };
    return new Response(body, { headers });
  },
  { admin: true },
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
