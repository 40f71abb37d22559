// GET /api/health – liveness: the process answers. Also the framework's floor in `npm run bench`. A follower
// also says how far its verified replica goes, and answers 503 once it has raised the alarm.
import { followerHealth } from "@/lib/server/follower/follower-status";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  if (process.env.FOLLOW_URL === undefined) return Response.json({ ok: true });
  return followerHealth();
}
