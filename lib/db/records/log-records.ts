// The node's records of its witnessed log (issue 11), in Prisma for both databases (prisma-reads.ts says why one
// client type serves both): the checkpoints it signed, the cosignatures it got, each witness's last answer, the
// evidence of equivocation it saw, and the lease that lets one node instance at a time cosign.
// Every write is one statement. Prisma's upsert is a read and then a write in one deferred transaction, and on
// SQLite that write fails at once (SQLITE_BUSY_SNAPSHOT, reported as "Operation has timed out") when another
// connection commits in between: another worker's seal, which is the normal case on a busy node. So the upserts
// are INSERT … ON CONFLICT, the same SQL on both databases (tests/integration/log/sqlite-writers.test.ts).
import "server-only";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { PostgresTimeouts } from "../database-url";
import { getPrisma } from "../prisma";

export type CheckpointRecord = {
  origin: string;
  size: number;
  rootHashHex: string;
  /** The signed note as the node signed it: the checkpoint text, a blank line and the node's signature line. */
  note: string;
  signedAtMs: number;
  /** When the cosignatures the node holds first met the quorum; null until then. */
  witnessedAtMs: number | null;
};

export type CosignatureRecord = {
  origin: string;
  size: number;
  witness: string;
  /** The witness's vkey the line was verified with: a changed policy key makes the line count no more. */
  vkey: string;
  /** The whole signature line, `— <name> <base64>\n`. */
  line: string;
  timestampSeconds: number;
};

export type WitnessStateRecord = {
  name: string;
  url: string;
  lastStatus: string | null;
  lastAtMs: number | null;
  lastMessage: string | null;
  /** The size the witness last said it holds (its 200 or its 409), to send its consistency proof from. */
  knownSize: number | null;
  cosignedSize: number | null;
};

export type EvidenceRecord = { reportedBy: string; atMs: number; noteA: string; noteB: string; reason: string };

/** The most evidence rows a read returns: the explorer shows the newest few. */
export const evidenceReadMax = 50;
/** Text kept of a witness's answer or of evidence a witness sent: enough to see what it said. */
export const recordedTextMax = 2000;

const clip = (text: string) => (text.length > recordedTextMax ? `${text.slice(0, recordedTextMax)}…` : text);

type CheckpointRow = Omit<CheckpointRecord, "signedAtMs" | "witnessedAtMs"> & {
  signedAtMs: bigint;
  witnessedAtMs: bigint | null;
};

function checkpointOf(row: CheckpointRow): CheckpointRecord {
  return {
    ...row,
    signedAtMs: Number(row.signedAtMs),
    witnessedAtMs: row.witnessedAtMs === null ? null : Number(row.witnessedAtMs),
  };
}

export type LogRecords = ReturnType<typeof logRecordsOver>;

/** The records over the store's one Prisma client for `databaseUrl` (lib/db/prisma.ts). */
export function logRecords(databaseUrl: string, timeouts?: PostgresTimeouts): LogRecords {
  let client: PrismaClient | null = null;
  return logRecordsOver(() => (client ??= getPrisma(databaseUrl, timeouts)));
}

export function logRecordsOver(prisma: () => PrismaClient) {
  return {
    /** Stores a signed checkpoint; one already stored for (origin, size) is kept (the node's signature is deterministic). */
    async saveCheckpoint(record: CheckpointRecord): Promise<void> {
      const witnessedAtMs = record.witnessedAtMs === null ? null : BigInt(record.witnessedAtMs);
      await prisma().$executeRaw`
        INSERT INTO "LogCheckpoint" ("origin", "size", "rootHashHex", "note", "signedAtMs", "witnessedAtMs")
        VALUES (${record.origin}, ${record.size}, ${record.rootHashHex}, ${record.note}, ${BigInt(record.signedAtMs)},
          ${witnessedAtMs})
        ON CONFLICT ("origin", "size") DO NOTHING`;
    },

    async newestCheckpoint(origin: string): Promise<CheckpointRecord | null> {
      const row = await prisma().logCheckpoint.findFirst({ where: { origin }, orderBy: { size: "desc" } });
      return row === null ? null : checkpointOf(row);
    },

    /** The newest checkpoints that met the quorum when they were witnessed, newest first. */
    async witnessedCheckpoints(origin: string, limit: number): Promise<CheckpointRecord[]> {
      const rows = await prisma().logCheckpoint.findMany({
        where: { origin, witnessedAtMs: { not: null } },
        orderBy: { size: "desc" },
        take: limit,
      });
      return rows.map(checkpointOf);
    },

    /** Marks a checkpoint witnessed, once: the first time stays. */
    async markWitnessed(origin: string, size: number, atMs: number): Promise<void> {
      await prisma().logCheckpoint.updateMany({
        where: { origin, size, witnessedAtMs: null },
        data: { witnessedAtMs: BigInt(atMs) },
      });
    },

    /**
     * Deletes the checkpoints (and their cosignatures) below `size`: once a newer one is witnessed, only the newest
     * witnessed one is served, so the table stays small however long the node runs.
     */
    async pruneBelow(origin: string, size: number): Promise<void> {
      // Two statements, not one transaction (the file's comment says why): stopped between them, what is left is
      // checkpoints below the newest witnessed one, which nothing serves, and the next prune takes them.
      await prisma().logCosignature.deleteMany({ where: { origin, size: { lt: size } } });
      await prisma().logCheckpoint.deleteMany({ where: { origin, size: { lt: size } } });
    },

    /** Stores a verified cosignature; a newer line of the same witness for the same checkpoint replaces it. */
    async saveCosignature(record: CosignatureRecord): Promise<void> {
      await prisma().$executeRaw`
        INSERT INTO "LogCosignature" ("origin", "size", "witness", "vkey", "line", "timestampSeconds")
        VALUES (${record.origin}, ${record.size}, ${record.witness}, ${record.vkey}, ${record.line},
          ${BigInt(record.timestampSeconds)})
        ON CONFLICT ("origin", "size", "witness") DO UPDATE SET
          "vkey" = excluded."vkey", "line" = excluded."line", "timestampSeconds" = excluded."timestampSeconds"`;
    },

    async cosignaturesOf(origin: string, size: number): Promise<CosignatureRecord[]> {
      const rows = await prisma().logCosignature.findMany({ where: { origin, size }, orderBy: { witness: "asc" } });
      return rows.map((row) => ({ ...row, timestampSeconds: Number(row.timestampSeconds) }));
    },

    /** The largest size each witness has cosigned, by witness name. */
    async cosignedSizes(origin: string): Promise<Map<string, number>> {
      const rows = await prisma().logCosignature.groupBy({ by: ["witness"], where: { origin }, _max: { size: true } });
      return new Map(rows.flatMap((row) => (row._max.size === null ? [] : [[row.witness, row._max.size] as const])));
    },

    async witnessStates(): Promise<WitnessStateRecord[]> {
      const rows = await prisma().logWitnessState.findMany({ orderBy: { name: "asc" } });
      return rows.map((row) => ({ ...row, lastAtMs: row.lastAtMs === null ? null : Number(row.lastAtMs) }));
    },

    async saveWitnessState(record: WitnessStateRecord): Promise<void> {
      const lastMessage = record.lastMessage === null ? null : clip(record.lastMessage);
      const lastAtMs = record.lastAtMs === null ? null : BigInt(record.lastAtMs);
      await prisma().$executeRaw`
        INSERT INTO "LogWitnessState" ("name", "url", "lastStatus", "lastAtMs", "lastMessage", "knownSize", "cosignedSize")
        VALUES (${record.name}, ${record.url}, ${record.lastStatus}, ${lastAtMs}, ${lastMessage}, ${record.knownSize},
          ${record.cosignedSize})
        ON CONFLICT ("name") DO UPDATE SET
          "url" = excluded."url", "lastStatus" = excluded."lastStatus", "lastAtMs" = excluded."lastAtMs",
          "lastMessage" = excluded."lastMessage", "knownSize" = excluded."knownSize",
          "cosignedSize" = excluded."cosignedSize"`;
    },

    async addEvidence(record: EvidenceRecord): Promise<void> {
      await prisma().logEvidence.create({
        data: {
          ...record,
          atMs: BigInt(record.atMs),
          noteA: clip(record.noteA),
          noteB: clip(record.noteB),
          reason: clip(record.reason),
        },
      });
    },

    /** The newest evidence first, at most `evidenceReadMax`. */
    async evidence(): Promise<EvidenceRecord[]> {
      const rows = await prisma().logEvidence.findMany({ orderBy: { id: "desc" }, take: evidenceReadMax });
      return rows.map((row) => ({
        reportedBy: row.reportedBy,
        atMs: Number(row.atMs),
        noteA: row.noteA,
        noteB: row.noteB,
        reason: row.reason,
      }));
    },

    /**
     * Takes or renews the cosigning lease for `holder` until `nowMs + ttlMs`: one conditional UPDATE of the one
     * lease row, atomic on both databases, so that of several node instances only one cosigns at a time.
     */
    async takeLease(holder: string, nowMs: number, ttlMs: number): Promise<boolean> {
      const { count } = await prisma().logLease.updateMany({
        where: { id: 1, OR: [{ holder }, { expiresAtMs: { lt: BigInt(nowMs) } }] },
        data: { holder, expiresAtMs: BigInt(nowMs + ttlMs) },
      });
      return count === 1;
    },

    async releaseLease(holder: string): Promise<void> {
      await prisma().logLease.updateMany({ where: { id: 1, holder }, data: { expiresAtMs: 0n } });
    },
  };
}
