// The witness's records (issue 11): the latest checkpoint it cosigned for its origin, the evidence of
// equivocation it keeps, and the one step that checks a new checkpoint against them and records it.
//
// That step is one database transaction that takes the write lock before it reads anything, so that two
// add-checkpoint calls (in one server process or in several over one database) are strictly one after the other:
// the second one reads what the first one recorded and can never take the witness back to a smaller or other tree.
// SQLite: Prisma's better-sqlite3 adapter begins a deferred transaction, so its first statement is a write (an
// UPDATE that changes nothing), which takes the database's write lock before the state is read. PostgreSQL: a
// transaction-level advisory lock, which also serializes the very first record, when there is no row to lock yet.
// The migration's trigger refuses any update that makes the size smaller, whatever writes the row.
import "server-only";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { databaseKind, type PostgresTimeouts } from "../database-url";
import { getPrisma } from "../prisma";

export type WitnessStateRecord = { origin: string; size: number; rootHash: string; note: string; updatedAt: string };
export type WitnessEvidenceRecord = {
  id: number;
  origin: string;
  reason: string;
  cosignedNote: string;
  conflictingNote: string;
  raisedAt: string;
};

/** What the check-and-record step may do while it holds the lock. */
export type WitnessTransaction = {
  state(): Promise<WitnessStateRecord | null>;
  readSetting(key: string): Promise<string | null>;
  record(state: Omit<WitnessStateRecord, "updatedAt">): Promise<void>;
  keepEvidence(evidence: Omit<WitnessEvidenceRecord, "id" | "raisedAt">): Promise<void>;
  writeSetting(key: string, value: string): Promise<void>;
};

/** The same pair of keys for every witness process over one PostgreSQL database: "witn", "ess1". */
const postgresLockKeys = [0x7769746e, 0x65737331] as const;

/** A step that waits longer than this for the lock, or holds it longer, fails (a 500, retried by the node). */
const lockWaitMsMax = 10_000;
const lockHoldMsMax = 10_000;

/** The evidence kept that is shown at most. */
export const evidenceShownMax = 20;

export class WitnessRecords {
  private readonly databaseUrl: string;
  private readonly timeouts: PostgresTimeouts | undefined;

  constructor(databaseUrl: string, timeouts?: PostgresTimeouts) {
    this.databaseUrl = databaseUrl;
    this.timeouts = timeouts;
  }

  private get prisma(): PrismaClient {
    return getPrisma(this.databaseUrl, this.timeouts);
  }

  async readState(origin: string): Promise<WitnessStateRecord | null> {
    return this.prisma.witnessState.findUnique({ where: { origin } });
  }

  /** The newest evidence first. */
  async readEvidence(limit = evidenceShownMax): Promise<WitnessEvidenceRecord[]> {
    return this.prisma.witnessEvidence.findMany({ orderBy: { id: "desc" }, take: limit });
  }

  /** Runs `step` in one transaction holding the write lock (see the file's comment); it commits what `step` wrote. */
  async inLock<T>(origin: string, step: (transaction: WitnessTransaction) => Promise<T>): Promise<T> {
    const isPostgres = databaseKind(this.databaseUrl) === "postgres";
    return this.prisma.$transaction(
      async (tx) => {
        if (isPostgres)
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(${postgresLockKeys[0]}::int, ${postgresLockKeys[1]}::int)`;
        else await tx.$executeRaw`UPDATE "WitnessState" SET "size" = "size" WHERE "origin" = ${origin}`;
        return step({
          state: () => tx.witnessState.findUnique({ where: { origin } }),
          readSetting: async (key) => (await tx.setting.findUnique({ where: { key } }))?.value ?? null,
          record: async (state) => {
            const row = { ...state, updatedAt: new Date().toISOString() };
            await tx.witnessState.upsert({ where: { origin: state.origin }, create: row, update: row });
          },
          keepEvidence: async (evidence) => {
            await tx.witnessEvidence.create({ data: { ...evidence, raisedAt: new Date().toISOString() } });
          },
          writeSetting: async (key, value) => {
            await tx.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
          },
        });
      },
      { maxWait: lockWaitMsMax, timeout: lockHoldMsMax },
    );
  }
}
