// POST /api/payments – accept a signed payment; answer with its receipt once its block is durably committed.
import { bodyBytesMax } from "@/lib/ledger/limits";
import { parseOrThrow } from "@/lib/server/http/errors";
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { json } from "@/lib/server/http/responses";
import { otherMethods, route } from "@/lib/server/http/route";
import { submitPayment } from "@/lib/server/payments/submit-payment";
import { signedPaymentSchema } from "@/lib/validations/transaction";

export const POST = route(async ({ request, node }) => {
  const signed = parseOrThrow(signedPaymentSchema, await readJsonBody(request, bodyBytesMax));
  const { created, receipt } = await submitPayment(node, signed);
  return json({ receipt }, created ? 201 : 200);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
