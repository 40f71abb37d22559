// The follower's banner on every explorer page (app/explorer/_components/follower-banner.tsx), rendered on the
// server as Next.js renders it: the alarm says what the followed node did, a rewrite or an answer against the
// protocol, and an alarm recorded before alarms had kinds reads as the rewrite it was.
import { createElement } from "react";
import { beforeAll, describe, expect, it } from "vitest";
import { FollowerBanner } from "@/app/explorer/_components/follower-banner";
import type { FollowAlarm } from "@/lib/server/follower/follow-settings";
import type { FollowerStatus } from "@/lib/server/follower/read-follower-status";
import { loadLocale, renderInLocale } from "../explorer/render-in-locale";

const following = "http://node.example";

function banner(alarm: FollowAlarm | null): string {
  const status: FollowerStatus = { following, height: 7, alarm };
  return renderInLocale("en", createElement(FollowerBanner, { status }));
}

const alarm: FollowAlarm = {
  raisedAt: "2026-12-01T12:00:00.000Z",
  height: 7,
  reason: "the node rewrote block 7",
  seenHash: "a".repeat(64),
  servedHash: "b".repeat(64),
};

beforeAll(() => loadLocale("en"));

describe("FollowerBanner", () => {
  it("says a rewrite, for a rewrite and for an alarm recorded before alarms had a kind", () => {
    for (const recorded of [{ ...alarm, kind: "rewrite" as const }, alarm]) {
      const html = banner(recorded);
      expect(html).toContain("Alarm: the node this replica follows rewrote its chain.");
      expect(html).toContain("the node rewrote block 7.");
    }
  });

  it("says an answer against the protocol for a node that misbehaved, with the reason", () => {
    const html = banner({
      ...alarm,
      kind: "misbehaviour",
      reason: "the node answered against the protocol: GET /api/node redirected (302) to nowhere",
      seenHash: null,
      servedHash: null,
    });
    expect(html).toContain("Alarm: the node this replica follows answered against the protocol.");
    expect(html).toContain("GET /api/node redirected (302) to nowhere.");
    expect(html).not.toContain("rewrote");
    expect(html).toContain(`Do not trust new answers from ${following}.`);
  });

  it("shows no alarm while there is none", () => {
    expect(banner(null)).toContain("Read-only replica of");
    expect(banner(null)).not.toContain("Alarm");
  });
});
