// The words the log page prints for a witness's answers and the lag, from pure functions a unit test reads.
import type { WitnessAnswer } from "@/lib/server/log/log-status";

/** What a witness's last HTTP status means in tlog-witness v1.0.0, as PROTOCOL.md v2 lists its answers. */
const statusMeanings: Record<number, string> = {
  200: "cosigned",
  400: "bad request",
  403: "no trusted log signature",
  404: "unknown origin",
  409: "conflict (another size or root)",
  413: "too large",
  422: "refused (consistency or validation failed)",
};

export type AnswerTone = "good" | "warning" | "bad" | "none";

export function describeAnswer(status: WitnessAnswer["lastStatus"]): { text: string; tone: AnswerTone } {
  if (status === null) return { text: "not asked yet", tone: "none" };
  if (status === "down") return { text: "down (unreachable)", tone: "bad" };
  const meaning = statusMeanings[status];
  const text = meaning === undefined ? String(status) : `${status} ${meaning}`;
  if (status === 200) return { text, tone: "good" };
  return { text, tone: status === 409 ? "warning" : "bad" };
}

/** "up to date", "1 block behind the head (2.5 s)", "12 blocks behind the head (40 s)"; null before any checkpoint. */
export function describeLag(lagBlocks: number | null, lagSeconds: number | null): string | null {
  if (lagBlocks === null) return null;
  if (lagBlocks === 0) return "up to date with the head";
  const blocks = `${lagBlocks.toLocaleString("en-US")} ${lagBlocks === 1 ? "block" : "blocks"} behind the head`;
  if (lagSeconds === null) return blocks;
  return `${blocks} (${lagSeconds.toLocaleString("en-US", { maximumFractionDigits: 1 })} s)`;
}
