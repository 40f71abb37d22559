// The webhooks pages say the node's refusals of an endpoint in the page's language: each sentence the node's
// checks write (taken from the checks themselves where they need no network) reads back word for word in English,
// and in Korean keeps its figures and addresses; a sentence the form does not know is left to be shown as it is.
import { beforeAll, describe, expect, it } from "vitest";
import { endpointRefusalWording } from "@/app/explorer/webhooks/_components/refusal-wording";
import { endpointsMax, endpointsPerAccountMax } from "@/lib/db/records/webhook-endpoints";
import { lookupTimeoutMs } from "@/lib/server/webhooks/checked-lookup";
import { checkEndpointForm, checkEndpointUrl } from "@/lib/server/webhooks/endpoint-address";
import { refusalOf } from "@/lib/server/webhooks/public-address";
import { loadLocale, translatorOf } from "./render-in-locale";

function refusal(check: { ok: true } | { ok: false; message: string }): string {
  if (check.ok) throw new Error("the check passed");
  return check.message;
}

const sentences = async () => [
  refusal(checkEndpointForm(`https://shop.example/${"a".repeat(2048)}`)),
  refusal(checkEndpointForm("shop.example/hooks")),
  refusal(checkEndpointForm("ftp://shop.example/hooks")),
  refusal(checkEndpointForm("https://user:secret@shop.example/hooks")),
  // The URL parser gives every http(s) URL a host; the check stays for a parser that would not.
  "The URL has no host.",
  refusal(await checkEndpointUrl("http://localhost:8080/hooks", { allowPrivate: false })),
  refusal(await checkEndpointUrl("http://10.1.2.3/hooks", { allowPrivate: false })),
  refusalOf("224.0.0.1", false),
  `The host shop.example did not resolve within ${lookupTimeoutMs} ms.`,
  "The host shop.example does not resolve (ENOTFOUND).",
  `has ${endpointsPerAccountMax} enabled endpoints already, the most one account may have; disable one first`,
  `The node has ${endpointsMax} enabled endpoints already, the most it serves; disable one first.`,
  "This endpoint is disabled: it gets no deliveries.",
  `Endpoint ep_${"ab12".repeat(6)} has no delivery of transaction ${"cd34".repeat(16)}.`,
  `No webhook endpoint has the id ep_${"ab12".repeat(6)}.`,
];

let all: string[];
beforeAll(async () => {
  await Promise.all([loadLocale("en"), loadLocale("ko")]);
  all = await sentences();
});

const say = (locale: "en" | "ko", sentence: string) => {
  const wording = endpointRefusalWording(sentence);
  if (wording === null) return null;
  return translatorOf(locale, "explorerWebhooks.register")(`refusals.${wording.key}`, wording.values);
};

describe("endpointRefusalWording", () => {
  it("knows every refusal the node's checks write, in English word for word", () => {
    expect(new Set(all).size).toBe(all.length);
    for (const sentence of all) expect(say("en", sentence)).toBe(sentence);
  });

  it("says each in Korean with the same figures and addresses", () => {
    for (const sentence of all) {
      const korean = say("ko", sentence)!;
      expect(korean).not.toBe(sentence);
      for (const figure of sentence.match(
        /\b\d+(\.\d+){3}\b|\b\d+\b|ep_\w+|[0-9a-f]{64}|[\w.-]+\.example|ENOTFOUND/g,
      ) ?? [])
        expect(korean).toContain(figure);
    }
  });

  it("knows nothing of a sentence a newer node might write", () => {
    expect(endpointRefusalWording("The URL is haunted.")).toBeNull();
  });
});
