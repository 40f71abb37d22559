// The log records on both databases: the cosigning lease (one holder at a time, taken over once it expires),
// checkpoints kept once per size, cosignatures replaced per witness, and pruning below a witnessed checkpoint.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logRecords, type LogRecords } from "@/lib/db/records/log-records";
import { disconnectPrisma } from "@/lib/db/prisma";
import { preparedTestDatabase } from "../../support/node";

let records: LogRecords;

beforeAll(async () => {
  const { databaseUrl } = await preparedTestDatabase("log-records");
  records = logRecords(databaseUrl);
}, 60_000);

afterAll(async () => {
  await disconnectPrisma();
});

const checkpoint = (size: number, witnessedAtMs: number | null = null) => ({
  origin: "o",
  size,
  rootHashHex: "ab".repeat(32),
  note: `o\n${size}\nroot\n\n— o sig${size}\n`,
  signedAtMs: 1000 + size,
  witnessedAtMs,
});

describe("the cosigning lease", () => {
  it("has one holder at a time, renewable by it, taken over only once it expired", async () => {
    expect(await records.takeLease("a", 10_000, 5_000)).toBe(true);
    expect(await records.takeLease("b", 10_001, 5_000)).toBe(false);
    expect(await records.takeLease("a", 14_000, 5_000)).toBe(true);
    expect(await records.takeLease("b", 18_999, 5_000)).toBe(false);
    expect(await records.takeLease("b", 19_001, 5_000)).toBe(true);
    expect(await records.takeLease("a", 19_002, 5_000)).toBe(false);
    await records.releaseLease("b");
    expect(await records.takeLease("a", 19_003, 5_000)).toBe(true);
  });

  it("lets exactly one of many concurrent takers win", async () => {
    const nowMs = 1_000_000;
    const wins = await Promise.all(Array.from({ length: 8 }, (_, index) => records.takeLease(`c${index}`, nowMs, 1)));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });
});

describe("checkpoints and cosignatures", () => {
  it("keeps the first checkpoint of a size, marks witnessed once, and prunes below", async () => {
    await records.saveCheckpoint(checkpoint(3));
    await records.saveCheckpoint({ ...checkpoint(3), note: "another" });
    await records.saveCheckpoint(checkpoint(5));
    expect(await records.newestCheckpoint("o")).toEqual(checkpoint(5));
    expect(await records.witnessedCheckpoints("o", 8)).toEqual([]);
    await records.markWitnessed("o", 3, 7000);
    await records.markWitnessed("o", 3, 8000);
    expect(await records.witnessedCheckpoints("o", 8)).toEqual([checkpoint(3, 7000)]);

    const cosignature = { origin: "o", size: 3, witness: "w", vkey: "w+1+x", line: "— w a\n", timestampSeconds: 9 };
    await records.saveCosignature(cosignature);
    await records.saveCosignature({ ...cosignature, line: "— w b\n", timestampSeconds: 10 });
    expect(await records.cosignaturesOf("o", 3)).toEqual([{ ...cosignature, line: "— w b\n", timestampSeconds: 10 }]);
    expect(await records.cosignedSizes("o")).toEqual(new Map([["w", 3]]));

    await records.markWitnessed("o", 5, 9000);
    await records.pruneBelow("o", 5);
    expect(await records.witnessedCheckpoints("o", 8)).toEqual([checkpoint(5, 9000)]);
    expect(await records.cosignaturesOf("o", 3)).toEqual([]);
  });

  it("keeps each witness's last answer and the newest evidence first, cut to a bounded length", async () => {
    const state = {
      name: "w",
      url: "http://w/",
      lastStatus: "down",
      lastAtMs: 5,
      lastMessage: "x",
      knownSize: 2,
      cosignedSize: null,
    };
    await records.saveWitnessState(state);
    await records.saveWitnessState({ ...state, lastStatus: "200", lastMessage: "y".repeat(3000) });
    const [saved] = await records.witnessStates();
    expect(saved).toEqual({ ...state, lastStatus: "200", lastMessage: `${"y".repeat(2000)}…` });
    await records.addEvidence({ reportedBy: "w", atMs: 1, noteA: "a", noteB: "b", reason: "first" });
    await records.addEvidence({ reportedBy: "w", atMs: 2, noteA: "a", noteB: "b", reason: "second" });
    expect((await records.evidence()).map((item) => item.reason)).toEqual(["second", "first"]);
  });
});
