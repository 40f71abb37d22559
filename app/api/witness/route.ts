// GET /api/witness – on a witness (`npm run follow -- <url> --witness`): its name, vkey, origin, the checkpoint
// it cosigned last and its alarm; `not_found` anywhere else.
import { json } from "@/lib/server/http/responses";
import { otherMethods, route } from "@/lib/server/http/route";
import { getWitness } from "@/lib/server/witness/witness-context";
import { readWitnessStatus } from "@/lib/server/witness/read-witness-status";

export const dynamic = "force-dynamic";

export const GET = route(async ({ node }) => json(await readWitnessStatus(node, await getWitness(node))));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
