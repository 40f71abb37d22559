// POST /api/payments – accept a signed payment; answer with its receipt once its block is durably committed.
import { bodyBytesMax } from "@/lib/ledger/limits";
import { json, parseOrThrow, readJsonBody, route } from "@/lib/server/http/route";
import { getNode } from "@/lib/server/node/context";
import { submitPayment } from "@/lib/server/payments/submit-payment";
import { signedPaymentSchema } from "@/lib/validations/transaction";

export const POST = route(async (request) => {
  const signed = parseOrThrow(signedPaymentSchema, await readJsonBody(request, bodyBytesMax));
  const { created, receipt } = await submitPayment(await getNode(), signed);
  return json({ receipt }, created ? 201 : 200);
});
