// Any other /api path: the protocol's not_found JSON rather than the framework's HTML page.
import { json } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

function notFound(): Response {
  return json({ error: { code: "not_found", message: "No such API route." } }, 404);
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
