// GET /api/health on a follower: its status, and 503 once it has raised the alarm.
import "server-only";
import type { LedgerNode } from "../node/context";
import { readFollowerStatus } from "./read-follower-status";

/** GET /api/health on a follower: 503 once it has raised the alarm, so that monitoring sees it. */
export async function followerHealth(node: LedgerNode): Promise<Response> {
  const status = await readFollowerStatus(node);
  if (status === null) return Response.json({ ok: true });
  return Response.json({ ok: status.alarm === null, follower: status }, { status: status.alarm === null ? 200 : 503 });
}
