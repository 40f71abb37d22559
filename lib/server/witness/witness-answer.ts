// The answers of tlog-witness add-checkpoint: a status and a short text body. The spec gives each refusal its
// status (not the JSON error bodies of chainpay's own API: the node's cosigning loop, and any other tlog client,
// read statuses); 409 for a stale `old` carries `text/x.tlog.size`, the size the witness cosigned last.
import "server-only";

export type WitnessAnswer = { status: number; contentType: string; body: string };

export class WitnessRefusal extends Error {
  readonly answer: WitnessAnswer;
  constructor(status: number, message: string) {
    super(message);
    this.name = "WitnessRefusal";
    this.answer = refusal(status, message);
  }
}

export function refusal(status: number, message: string): WitnessAnswer {
  return { status, contentType: "text/plain; charset=utf-8", body: `${message}\n` };
}

export function sizeConflict(size: number): WitnessAnswer {
  return { status: 409, contentType: "text/x.tlog.size", body: `${size}\n` };
}

export function cosignatureAnswer(lines: string): WitnessAnswer {
  return { status: 200, contentType: "text/plain; charset=utf-8", body: lines };
}

export function toResponse(answer: WitnessAnswer, headers: Record<string, string> = {}): Response {
  return new Response(answer.body, {
    status: answer.status,
    headers: { "content-type": answer.contentType, "cache-control": "no-store", ...headers },
  });
}
