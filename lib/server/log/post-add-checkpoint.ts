// One add-checkpoint request to one witness, bounded in time and in the bytes read of its answer: a witness that
// is slow, down or answers without end costs the node a timer and 16 KiB, never a payment's time.
import "server-only";
import { witnessAnswerBytesMax } from "./witness-answers";

/** How long one witness gets to answer one add-checkpoint. */
export const witnessRequestTimeoutMs = 5_000;

export type WitnessReply =
  { isReached: true; status: number; contentType: string | null; body: string } | { isReached: false; message: string };

export async function postAddCheckpoint(
  url: string,
  body: string,
  timeoutMs = witnessRequestTimeoutMs,
): Promise<WitnessReply> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, {
      method: "POST",
      body,
      headers: { "content-type": "text/plain; charset=utf-8" },
      redirect: "error",
      signal,
    });
    const text = await readCapped(response, witnessAnswerBytesMax);
    return { isReached: true, status: response.status, contentType: response.headers.get("content-type"), body: text };
  } catch (error) {
    const message = signal.aborted ? `no answer within ${timeoutMs} ms` : describe(error);
    return { isReached: false, message };
  }
}

/** The answer's first `bytesMax` bytes as text; the rest is not read. */
async function readCapped(response: Response, bytesMax: number): Promise<string> {
  if (response.body === null) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    while (length < bytesMax) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, bytesMax).toString("utf8");
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code !== undefined) return `unreachable (${cause.code})`;
  return error instanceof Error ? error.message : String(error);
}
