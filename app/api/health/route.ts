// GET /api/health – liveness: the process answers. Also the framework's floor in `npm run bench`.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ ok: true });
}
