// One delivery attempt: a POST of the event to the endpoint, over a connection only to an address that passed the
// check (checked-lookup.ts), answered within 10 s, never following a redirect, and reading at most a few KiB of the
// answer. A slow, hostile or dead endpoint costs the node one socket and a timer for at most that long.
import "server-only";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { checkEndpointForm, hostOf } from "./endpoint-address";
import { checkedLookup } from "./checked-lookup";
import { addressKindOf, isAllowedAddress, refusalOf } from "./public-address";
import type { WebhookHeaders } from "./signing";

/** How long an endpoint has to answer one attempt, from the start of the connection to the answer's status. */
export const attemptTimeoutMs = 10_000;
/** How much of an answer's body is read (kept as the delivery's last error when it was not 2xx). */
export const answerBytesMax = 4096;

export type AttemptOutcome =
  { isDelivered: true; statusCode: number } | { isDelivered: false; statusCode: number | null; error: string };

/** Recorded text of an answer or an error is cut to this, so that one delivery row stays small. */
const errorTextMax = 500;
const clip = (text: string) => (text.length > errorTextMax ? `${text.slice(0, errorTextMax)}…` : text);

export async function postWebhook(
  url: string,
  body: string,
  headers: WebhookHeaders,
  options: { allowPrivate: boolean; timeoutMs?: number },
): Promise<AttemptOutcome> {
  const form = checkEndpointForm(url);
  if (!form.ok) return { isDelivered: false, statusCode: null, error: form.message };
  const host = hostOf(form.url);
  // An address literal is never looked up, so it is checked here; a name is checked by the lookup itself.
  if (isIP(host) !== 0 && !isAllowedAddress(host, options.allowPrivate))
    return { isDelivered: false, statusCode: null, error: refusalOf(host, addressKindOf(host) === "private") };
  const timeoutMs = options.timeoutMs ?? attemptTimeoutMs;
  const send = form.url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<AttemptOutcome>((resolve) => {
    let isSettled = false;
    const settle = (outcome: AttemptOutcome) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      outgoing.destroy();
      resolve(outcome);
    };
    const outgoing = send(
      form.url,
      {
        method: "POST",
        lookup: checkedLookup(options.allowPrivate),
        // A new connection each attempt: nothing pools sockets to endpoints the node may never call again.
        agent: false,
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "user-agent": "chainpay-webhooks/1",
        },
      },
      (answer) => void readAnswer(answer).then(settle),
    );
    const timer = setTimeout(
      () => settle({ isDelivered: false, statusCode: null, error: `no answer within ${timeoutMs} ms` }),
      timeoutMs,
    );
    outgoing.on("error", (error: NodeJS.ErrnoException) =>
      settle({
        isDelivered: false,
        statusCode: null,
        error: clip(error.code === "EWEBHOOKADDRESS" ? error.message : `unreachable (${error.code ?? error.message})`),
      }),
    );
    outgoing.end(body);
  });
}

/** The outcome an answer gives: 2xx delivers; anything else (a redirect too: it is never followed) fails. */
async function readAnswer(answer: IncomingMessage): Promise<AttemptOutcome> {
  const statusCode = answer.statusCode ?? 0;
  if (statusCode >= 200 && statusCode < 300) {
    answer.resume();
    return { isDelivered: true, statusCode };
  }
  const text = await readCapped(answer, answerBytesMax);
  const location = statusCode >= 300 && statusCode < 400 ? answer.headers.location : undefined;
  const error = location === undefined ? `answered ${statusCode}` : `answered ${statusCode}, a redirect (not followed)`;
  return { isDelivered: false, statusCode, error: clip(text.trim() === "" ? error : `${error}: ${text.trim()}`) };
}

/** The answer's first `bytesMax` bytes as text; the rest is never read (the caller destroys the socket). */
function readCapped(answer: IncomingMessage, bytesMax: number): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const done = () => resolve(Buffer.concat(chunks).subarray(0, bytesMax).toString("utf8"));
    answer.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= bytesMax) {
        answer.pause();
        done();
      }
    });
    answer.once("end", done);
    answer.once("error", done);
    answer.once("aborted", done);
  });
}
