// The log records beside the other workers' sealers, on SQLite. Every worker seals through a better-sqlite3
// connection of its own (lib/db/sqlite-store.ts), while its log records go through Prisma, whose upsert is a read
// and then a write in one deferred transaction: when another connection commits between the two, the write fails
// at once with SQLITE_BUSY_SNAPSHOT, which Prisma reports as "Operation has timed out" (seen in the cosigning
// loop of a node with two workers). So each records write is one statement. The other writer here is a thread
// committing as fast as it can, with a short busy timeout, so that a lock held for long fails the test too.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sqliteFilePath } from "@/lib/db/database-url";
import { disconnectPrisma } from "@/lib/db/prisma";
import { logRecords, type LogRecords } from "@/lib/db/records/log-records";
import { preparedTestDatabase } from "../../support/node";

const require = createRequire(import.meta.url);

let records: LogRecords;
let databaseUrl: string;

beforeAll(async () => {
  ({ databaseUrl } = await preparedTestDatabase("log-sqlite-writers"));
  records = logRecords(databaseUrl);
}, 60_000);

afterAll(async () => {
  await disconnectPrisma();
});

/**
 * Another writer, as another worker's sealer is: a thread with its own connection that commits as fast as it can
 * until stopped, counting its commits and the busy waits it lost (a lock held for longer than its 250 ms).
 */
const writeSql = `INSERT INTO "Setting" ("key", "value") VALUES ('test-writer', ?)
  ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"`;

function startWriter(): { stop: () => Promise<{ commits: number; busy: number }> } {
  // [0] stop, [1] commits, [2] busy waits lost.
  const shared = new Int32Array(new SharedArrayBuffer(12));
  const worker = new Worker(
    `
    const { workerData } = require("node:worker_threads");
    const Database = require(workerData.driver);
    const shared = workerData.shared;
    const database = new Database(workerData.file, { timeout: 250 });
    database.pragma("journal_mode = WAL");
    database.pragma("synchronous = OFF");
    const write = database.prepare(workerData.sql);
    const commit = database.transaction((value) => write.run(value));
    while (Atomics.load(shared, 0) === 0) {
      try {
        commit.immediate(String(Atomics.add(shared, 1, 1)));
      } catch {
        Atomics.add(shared, 2, 1);
      }
    }
    database.close();
    `,
    {
      eval: true,
      workerData: {
        file: sqliteFilePath(databaseUrl),
        driver: require.resolve("better-sqlite3"),
        sql: writeSql,
        shared,
      },
    },
  );
  const exited = new Promise<void>((resolve, reject) => {
    worker.once("exit", () => resolve());
    worker.once("error", reject);
  });
  return {
    stop: async () => {
      Atomics.store(shared, 0, 1);
      await exited;
      return { commits: Atomics.load(shared, 1), busy: Atomics.load(shared, 2) };
    },
  };
}

it("writes checkpoints, cosignatures, witness states and prunes while another connection commits as fast as it can", async () => {
  const writer = startWriter();
  // Under way before the first write.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const errors: string[] = [];
  const attempt = async (write: () => Promise<unknown>) => {
    try {
      await write();
    } catch (error) {
      errors.push(error instanceof Error ? (error.message.split("\n").at(-1) ?? error.message) : String(error));
    }
  };
  const rounds = 60;
  for (let size = 1; size <= rounds; size += 1) {
    const checkpoint = {
      origin: "o",
      size,
      rootHashHex: "ab".repeat(32),
      note: `o\n${size}\n`,
      signedAtMs: size,
      witnessedAtMs: null,
    };
    await attempt(() => records.saveCheckpoint(checkpoint));
    // The same checkpoint again is kept as it was.
    await attempt(() => records.saveCheckpoint({ ...checkpoint, note: "another" }));
    const cosignature = { origin: "o", size, witness: "w", vkey: "w+1+x", line: "— w a\n", timestampSeconds: size };
    await attempt(() => records.saveCosignature(cosignature));
    await attempt(() => records.saveCosignature({ ...cosignature, line: "— w b\n" }));
    await attempt(() =>
      records.saveWitnessState({
        name: "w",
        url: "http://w/",
        lastStatus: "200",
        lastAtMs: size,
        lastMessage: null,
        knownSize: size,
        cosignedSize: size,
      }),
    );
    await attempt(() => records.markWitnessed("o", size, size));
    if (size % 10 === 0) await attempt(() => records.pruneBelow("o", size));
  }
  const { commits, busy } = await writer.stop();
  expect(errors).toEqual([]);
  expect(busy, "the other writer never waited out a lock held across an await").toBe(0);
  expect(commits, "the other writer committed throughout").toBeGreaterThan(rounds);

  expect(await records.newestCheckpoint("o")).toMatchObject({ size: rounds, note: `o\n${rounds}\n` });
  expect(await records.witnessedCheckpoints("o", 100)).toHaveLength(1);
  expect(await records.cosignaturesOf("o", rounds)).toEqual([
    { origin: "o", size: rounds, witness: "w", vkey: "w+1+x", line: "— w b\n", timestampSeconds: rounds },
  ]);
  expect(await records.cosignaturesOf("o", rounds - 1)).toEqual([]);
  expect(await records.witnessStates()).toEqual([
    {
      name: "w",
      url: "http://w/",
      lastStatus: "200",
      lastAtMs: rounds,
      lastMessage: null,
      knownSize: rounds,
      cosignedSize: rounds,
    },
  ]);
});
