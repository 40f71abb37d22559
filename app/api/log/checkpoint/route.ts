// GET /api/log/checkpoint – the newest checkpoint witnessed under the node's policy, with its cosignatures.
import { otherMethods, route } from "@/lib/server/http/route";
import { readWitnessedCheckpointNote } from "@/lib/server/log/read-witnessed";
import { plainText } from "@/lib/server/log/text-response";

export const dynamic = "force-dynamic";

export const GET = route(async ({ node }) => plainText(await readWitnessedCheckpointNote(node)));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
