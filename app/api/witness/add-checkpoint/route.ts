// POST /api/witness/add-checkpoint – C2SP tlog-witness v1.0.0: cosign the followed node's checkpoint, or refuse
// it with the spec's status (lib/server/witness/add-checkpoint.ts). Any other method is 405, as the spec says.
import { bareRoute, route } from "@/lib/server/http/route";
import { addCheckpoint } from "@/lib/server/witness/add-checkpoint";
import { readTextBody } from "@/lib/server/witness/read-text-body";
import { refusal, toResponse, WitnessRefusal } from "@/lib/server/witness/witness-answer";
import { getWitness } from "@/lib/server/witness/witness-context";
import { addCheckpointBodyBytesMax } from "@/lib/server/witness/witness-settings";

export const dynamic = "force-dynamic";

export const POST = route(async ({ request, node }) => {
  const witness = await getWitness(node);
  try {
    const body = await readTextBody(request, addCheckpointBodyBytesMax);
    return toResponse(await addCheckpoint(node, witness, body));
  } catch (error) {
    if (error instanceof WitnessRefusal) return toResponse(error.answer);
    throw error;
  }
});

const methodNotAllowed = bareRoute(({ request }) =>
  Promise.resolve(toResponse(refusal(405, `${request.method} is not served here; send POST.`), { allow: "POST" })),
);

export const GET = methodNotAllowed;
export const PUT = methodNotAllowed;
export const PATCH = methodNotAllowed;
export const DELETE = methodNotAllowed;
