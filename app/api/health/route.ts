// GET /api/health – liveness: the process answers. Also the framework's floor in `npm run bench`. A follower
// also says how far its verified replica goes, and answers 503 once it has raised the alarm.
import { followerHealth } from "@/lib/server/follower/read-follower-health";
import { bareRoute, otherMethods } from "@/lib/server/http/route";
import { getNode } from "@/lib/server/node/context";

export const dynamic = "force-dynamic";

// A node that seals answers without opening the node, so that liveness never waits on the database (and still
// answers when the node cannot open). The variable is read directly rather than through readConfig, which would
// validate every setting on each probe. Only a follower opens the node, to report its replica and any alarm.
export const GET = bareRoute(async () =>
  process.env.FOLLOW_URL === undefined ? Response.json({ ok: true }) : followerHealth(await getNode()),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
