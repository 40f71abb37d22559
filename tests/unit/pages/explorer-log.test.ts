// The explorer's log page (app/explorer/_components/log-view.tsx) rendered from fake LogStatus values: each part
// of the status appears, and the empty states say so in words.
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { describeAnswer, describeLag } from "@/app/explorer/_components/log-answer";
import { LogView } from "@/app/explorer/_components/log-view";
import type { LogStatus } from "@/lib/server/log/log-status";
import { loadLocale, renderInLocale, translatorOf } from "../explorer/render-in-locale";

await loadLocale("en");
await loadLocale("ko");

const note =
  "chainpay/chainpay-test\n5\nq6w7ZGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6MDE=\n\n— chainpay/chainpay-test AAAAAQ==\n— alpha.example/w BBBBBB==\n";

const quorumNone: LogStatus = {
  origin: "chainpay/chainpay-test",
  vkey: "chainpay/chainpay-test+0a1b2c3d+AcmVrZXk=",
  policyText: "log chainpay/chainpay-test+0a1b2c3d+AcmVrZXk=\nquorum none\n",
  quorum: "none",
  size: 1,
  headTimestamp: "2026-12-01T09:00:00.000Z",
  newest: null,
  lagBlocks: null,
  lagSeconds: null,
  witnesses: [],
  evidence: [],
};

const witnessed: LogStatus = {
  ...quorumNone,
  quorum: "alpha.example/w",
  size: 7,
  newest: {
    note,
    size: 5,
    rootHashHex: "ab".repeat(32),
    cosigners: [{ name: "alpha.example/w", timestampSeconds: Date.UTC(2026, 11, 1, 8, 59, 59) / 1000 }],
    witnessedAt: "2026-12-01T09:00:01.000Z",
  },
  lagBlocks: 2,
  lagSeconds: 1.5,
  witnesses: [
    {
      name: "alpha.example/w",
      url: "http://127.0.0.1:4001/witness",
      lastStatus: 200,
      lastAt: "2026-12-01T09:00:01.000Z",
      lastMessage: null,
      cosignedSize: 5,
    },
    {
      name: "beta.example/w",
      url: "http://127.0.0.1:4002/witness",
      lastStatus: "down",
      lastAt: "2026-12-01T09:00:01.000Z",
      lastMessage: "connect ECONNREFUSED",
      cosignedSize: null,
    },
  ],
  evidence: [],
};

const render = (status: LogStatus, locale: "en" | "ko" = "en") =>
  renderInLocale(locale, createElement(LogView, { status }));
/** The page's text as a person reads it: no tags, entities decoded, whitespace collapsed. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

describe("the log page with quorum none and nothing witnessed", () => {
  const text = textOf(render(quorumNone));

  it("names the log's origin and vkey", () => {
    expect(text).toContain("chainpay/chainpay-test");
    expect(text).toContain("chainpay/chainpay-test+0a1b2c3d+AcmVrZXk=");
  });

  it("says no witnesses are configured and no checkpoint is witnessed yet", () => {
    expect(text).toContain("No witnesses configured (quorum none).");
    expect(text).toContain("No checkpoint witnessed yet.");
  });

  it("shows the policy file whole", () => {
    expect(render(quorumNone)).toContain("log chainpay/chainpay-test+0a1b2c3d+AcmVrZXk=\nquorum none\n");
  });

  it("shows no equivocation panel", () => {
    expect(text).not.toContain("Equivocation");
  });
});

describe("the log page with a witnessed checkpoint", () => {
  const html = render(witnessed);
  const text = textOf(html);

  it("shows the checkpoint's size, root, lag and whole note", () => {
    expect(text).toContain("5 blocks (heights 0 to 4)");
    expect(text).toContain("ab".repeat(32));
    expect(text).toContain("2 blocks behind the head (1.5 s)");
    expect(html).toContain(note);
  });

  it("lists the cosigner with the time of its cosignature", () => {
    expect(text).toContain("Cosigners of the newest checkpoint");
    expect(text).toContain("Cosigner Cosigned at alpha.example/w 2026-12-01 08:59:59 UTC");
  });

  it("shows each witness's URL, last answer, message and cosigned size", () => {
    expect(text).toContain("http://127.0.0.1:4001/witness");
    expect(text).toContain("200 cosigned");
    expect(text).toContain("down (unreachable)");
    expect(text).toContain("connect ECONNREFUSED");
  });
});

describe("the log page with evidence of equivocation", () => {
  const other = note.replace("q6w7", "zzzz");
  const html = render({
    ...witnessed,
    evidence: [
      {
        reportedBy: "beta.example/w",
        at: "2026-12-01T09:00:02.000Z",
        notes: [note, other],
        reason: "same size, another root",
      },
    ],
  });
  const text = textOf(html);

  it("raises a red alert naming who reported it, why, and both notes whole", () => {
    expect(html).toContain('role="alert"');
    expect(text).toContain("Equivocation: the node signed two inconsistent checkpoints");
    expect(text).toContain("Reported by beta.example/w at 2026-12-01 09:00:02 UTC: same size, another root");
    expect(html).toContain(other);
    expect(html).toContain(note);
  });
});

describe("describeAnswer and describeLag", () => {
  it.each<[LogStatus["witnesses"][number]["lastStatus"], string]>([
    [null, "not asked yet"],
    ["down", "down (unreachable)"],
    [200, "200 cosigned"],
    [409, "409 conflict (another size or root)"],
    [422, "422 refused (consistency or validation failed)"],
    [500, "500"],
  ])("%s reads %s", (status, text) => {
    const { wording } = describeAnswer(status);
    expect(translatorOf("en", "explorerLog")(wording.key, wording.values)).toBe(text);
  });

  it.each<[number | null, number | null, string | null]>([
    [null, null, null],
    [0, 0, "up to date with the head"],
    [1, 2.25, "1 block behind the head (2.3 s)"],
    [1200, null, "1,200 blocks behind the head"],
  ])("%s blocks and %s s read %s", (blocks, seconds, text) => {
    const wording = describeLag(blocks, seconds);
    expect(wording === null ? null : translatorOf("en", "explorerLog")(wording.key, wording.values)).toBe(text);
  });
});

describe("the log page in Korean", () => {
  const text = textOf(render(witnessed, "ko"));

  it("says the same things in Korean, with the same figures", () => {
    expect(text).toContain("증인 서명 로그");
    expect(text).toContain("블록 5개 (높이 0부터 4까지)");
    expect(text).toContain("최신 블록보다 2블록 뒤처졌어요 (1.5초)");
    expect(text).toContain("200 공동 서명함");
    expect(text).toContain("응답 없음 (연결 불가)");
    expect(text).not.toContain("Witnessed log");
  });
});
