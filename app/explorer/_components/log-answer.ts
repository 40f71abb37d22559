// What the log page says for a witness's answers and the lag, as message keys of the explorerLog area with their
// values, from pure functions a unit test reads; the components translate them in the page's language.
import type { WitnessAnswer } from "@/lib/server/log/log-status";

/** A sentence to translate: its key in the explorerLog area and the values it takes. */
export type LogWording = { key: string; values?: Record<string, string | number> };

export type AnswerTone = "good" | "warning" | "bad" | "none";

export function describeAnswer(status: WitnessAnswer["lastStatus"]): { wording: LogWording; tone: AnswerTone } {
  if (status === null) return { wording: { key: "answer.notAsked" }, tone: "none" };
  if (status === "down") return { wording: { key: "answer.down" }, tone: "bad" };
  // The message names what each status PROTOCOL.md v2 lists for tlog-witness v1.0.0 means; any other status is
  // shown as its number alone (the message's `other` case).
  const wording = { key: "answer.status", values: { status: String(status) } };
  if (status === 200) return { wording, tone: "good" };
  return { wording, tone: status === 409 ? "warning" : "bad" };
}

/** "up to date", "1 block behind the head (2.5 s)", "12 blocks behind the head (40 s)"; null before any checkpoint. */
export function describeLag(lagBlocks: number | null, lagSeconds: number | null): LogWording | null {
  if (lagBlocks === null) return null;
  if (lagBlocks === 0) return { key: "lagUpToDate" };
  if (lagSeconds === null) return { key: "lagBlocks", values: { count: lagBlocks } };
  return { key: "lagBlocksSeconds", values: { count: lagBlocks, seconds: lagSeconds } };
}
