// GET /api/health – liveness: the process answers. Also the framework's floor in `npm run bench`. A follower
// also says how far its verified replica goes, and answers 503 once it has raised the alarm.
import { followerHealth } from "@/lib/server/follower/follower-status";
import { bareRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

// A node that seals answers without opening the node, so that liveness never waits on the database. The
// variable is read directly rather than through readConfig, which would validate every setting on each probe.
export const GET = bareRoute(() =>
  process.env.FOLLOW_URL === undefined ? Promise.resolve(Response.json({ ok: true })) : followerHealth(),
);
