// The webhook endpoints admins register, and the deliveries listed for them (issue 12), in Prisma for both
// databases (prisma-reads.ts says why one client type serves both). The outbox's own writes (in the block's
// transaction) and the delivery loop's reads and outcomes are the hooks-core engineer's, in
// lib/db/records/webhook-outbox.ts.
//
// The module-level functions are the contract the routes and the other engineers code against: they work on the
// node's own database (DATABASE_URL, read as the node reads it). `webhookRecords(databaseUrl)` gives the same
// records over any database, for tests and scripts.
import "server-only";
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { readConfig } from "../../server/node/env";
import { deliveriesPageMax, type DeliveryCursor } from "../../validations/webhooks";
import { databaseKind, type PostgresTimeouts } from "../database-url";
import { getPrisma } from "../prisma";

export type WebhookEndpointRecord = {
  id: string;
  account: string;
  url: string;
  createdAtMs: bigint;
  disabledAtMs: bigint | null;
};

export type WebhookDeliveryRecord = {
  endpointId: string;
  txId: string;
  blockHeight: number;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  createdAtMs: bigint;
  nextAttemptAtMs: bigint;
  lastAttemptAtMs: bigint | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAtMs: bigint | null;
};

/** Enabled endpoints one account may have: a merchant needs one or two; ten leaves room to move between them. */
export const endpointsPerAccountMax = 10;
/** Enabled endpoints on the node: every payment joins its accounts against them, so they stay few. */
export const endpointsMax = 1000;
/** The most endpoints one list returns: all the node may have enabled, and as many disabled ones again. */
export const endpointsListMax = 2 * endpointsMax;
/** Why a new endpoint was refused. */
export type EndpointLimit = "account" | "node";

export type CreateOutcome =
  { ok: true; endpoint: WebhookEndpointRecord; secret: string } | { ok: false; limit: EndpointLimit };

/** A creation that waits longer than this for the lock, or holds it longer, fails (a 500 the admin may retry). */
const lockWaitMsMax = 10_000;
const lockHoldMsMax = 10_000;
/** The pair of advisory-lock keys every node instance on one PostgreSQL database uses for creations: "whep", "lim1". */
const postgresLockKeys = [0x77686570, 0x6c696d31] as const;

const newEndpointId = () => `ep_${randomBytes(12).toString("hex")}`;
/** Standard Webhooks' secret form: `whsec_` and the base64 of the key's bytes (32 random bytes here). */
const newSecret = () => `whsec_${randomBytes(32).toString("base64")}`;

const endpointColumns = { id: true, account: true, url: true, createdAtMs: true, disabledAtMs: true } as const;

type DeliveryRow = Omit<WebhookDeliveryRecord, "status"> & { status: string };

function deliveryOf(row: DeliveryRow): WebhookDeliveryRecord {
  const status = row.status;
  // Only the outbox writes deliveries; a status it never writes is a bug, not something to show.
  if (status !== "pending" && status !== "delivered" && status !== "failed")
    throw new Error(`assertion failed: a delivery of status ${JSON.stringify(status)}`);
  return { ...row, status };
}

export type WebhookRecords = ReturnType<typeof webhookRecordsOver>;

/** The records over the store's one Prisma client for `databaseUrl` (lib/db/prisma.ts). */
export function webhookRecords(databaseUrl: string, timeouts?: PostgresTimeouts): WebhookRecords {
  let client: PrismaClient | null = null;
  return webhookRecordsOver(() => (client ??= getPrisma(databaseUrl, timeouts)), databaseKind(databaseUrl));
}

/** SQLite's creation: the insert happens only while both counts are under their limits, in one statement. */
async function createInOneStatement(
  prisma: PrismaClient,
  input: { account: string; url: string; nowMs: number },
): Promise<CreateOutcome> {
  const id = newEndpointId();
  const secret = newSecret();
  const createdAtMs = BigInt(input.nowMs);
  const inserted = await prisma.$executeRaw`
    INSERT INTO "WebhookEndpoint" ("id", "account", "url", "secret", "createdAtMs")
    SELECT ${id}, ${input.account}, ${input.url}, ${secret}, ${createdAtMs}
    WHERE (SELECT count(*) FROM "WebhookEndpoint" WHERE "account" = ${input.account} AND "disabledAtMs" IS NULL)
            < ${endpointsPerAccountMax}
      AND (SELECT count(*) FROM "WebhookEndpoint" WHERE "disabledAtMs" IS NULL) < ${endpointsMax}`;
  if (inserted === 0) {
    // Which limit stopped it, for the refusal's wording only: the insert above already decided.
    const ofAccount = await prisma.webhookEndpoint.count({ where: { account: input.account, disabledAtMs: null } });
    return { ok: false, limit: ofAccount >= endpointsPerAccountMax ? "account" : "node" };
  }
  return {
    ok: true,
    endpoint: { id, account: input.account, url: input.url, createdAtMs, disabledAtMs: null },
    secret,
  };
}

export function webhookRecordsOver(prisma: () => PrismaClient, kind: "sqlite" | "postgres") {
  return {
    /**
     * Registers an endpoint, unless its account or the node already has as many enabled ones as allowed. The
     * count and the insert are atomic, so that concurrent creations (in one process or in several over one
     * database) can never pass the limit together. SQLite: one INSERT … SELECT whose conditions are the counts, a
     * single statement and so atomic, holding the write lock for that statement only. (Not an interactive
     * transaction: the node's sealer writes through its own synchronous connection in the same process, and would
     * wait on a lock held across this one's awaits while the event loop it waits in could not finish them.)
     * PostgreSQL: a transaction-level advisory lock around the counts and the insert.
     */
    async create(input: { account: string; url: string; nowMs: number }): Promise<CreateOutcome> {
      if (kind === "sqlite") return createInOneStatement(prisma(), input);
      return prisma().$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(${postgresLockKeys[0]}::int, ${postgresLockKeys[1]}::int)`;
          const ofAccount = await tx.webhookEndpoint.count({
            where: { account: input.account, disabledAtMs: null },
          });
          if (ofAccount >= endpointsPerAccountMax) return { ok: false, limit: "account" } as const;
          const inAll = await tx.webhookEndpoint.count({ where: { disabledAtMs: null } });
          if (inAll >= endpointsMax) return { ok: false, limit: "node" } as const;
          const secret = newSecret();
          const endpoint = await tx.webhookEndpoint.create({
            data: {
              id: newEndpointId(),
              account: input.account,
              url: input.url,
              secret,
              createdAtMs: BigInt(input.nowMs),
            },
            select: endpointColumns,
          });
          return { ok: true, endpoint, secret } as const;
        },
        { maxWait: lockWaitMsMax, timeout: lockHoldMsMax },
      );
    },

    /** Newest first, enabled and disabled alike; never the secrets. */
    async list(options: { limit: number; account?: string }): Promise<WebhookEndpointRecord[]> {
      return prisma().webhookEndpoint.findMany({
        where: options.account === undefined ? {} : { account: options.account },
        orderBy: [{ createdAtMs: "desc" }, { id: "desc" }],
        take: Math.min(options.limit, endpointsListMax),
        select: endpointColumns,
      });
    },

    async find(id: string): Promise<WebhookEndpointRecord | null> {
      return prisma().webhookEndpoint.findUnique({ where: { id }, select: endpointColumns });
    },

    /** Disables an endpoint once (the first time stays); false when there is no such endpoint or it already was. */
    async disable(id: string, nowMs: number): Promise<boolean> {
      const { count } = await prisma().webhookEndpoint.updateMany({
        where: { id, disabledAtMs: null },
        data: { disabledAtMs: BigInt(nowMs) },
      });
      return count === 1;
    },

    /**
     * One page of an endpoint's deliveries, newest first, after `after` when it is given: a keyset page over the
     * (endpointId, createdAtMs) index, so that any page costs what its own rows cost. Deliveries written with one
     * block share their createdAtMs, so the txId orders them among themselves and belongs to the cursor.
     */
    async deliveriesPage(options: {
      endpointId: string;
      limit: number;
      after?: DeliveryCursor;
    }): Promise<{ deliveries: WebhookDeliveryRecord[]; next: DeliveryCursor | null }> {
      const limit = Math.min(options.limit, deliveriesPageMax);
      const after = options.after;
      const rows = await prisma().webhookDelivery.findMany({
        where: {
          endpointId: options.endpointId,
          ...(after === undefined
            ? {}
            : {
                OR: [
                  { createdAtMs: { lt: after.createdAtMs } },
                  { createdAtMs: after.createdAtMs, txId: { lt: after.txId } },
                ],
              }),
        },
        orderBy: [{ createdAtMs: "desc" }, { txId: "desc" }],
        // One more than the page says whether there is a next one.
        take: limit + 1,
      });
      const deliveries = rows.slice(0, limit).map(deliveryOf);
      const last = deliveries.at(-1);
      const next =
        rows.length > limit && last !== undefined ? { createdAtMs: last.createdAtMs, txId: last.txId } : null;
      return { deliveries, next };
    },

    async findDelivery(endpointId: string, txId: string): Promise<WebhookDeliveryRecord | null> {
      const row = await prisma().webhookDelivery.findUnique({ where: { endpointId_txId: { endpointId, txId } } });
      return row === null ? null : deliveryOf(row);
    },

    /**
     * Makes a delivery due now, whatever its status: pending, no attempts (so the retry schedule and its 24 hours
     * start over), and not delivered until the next attempt succeeds. What the last attempt saw stays, until the
     * next one replaces it. False when there is no such delivery.
     */
    async redeliver(endpointId: string, txId: string, nowMs: number): Promise<boolean> {
      const { count } = await prisma().webhookDelivery.updateMany({
        where: { endpointId, txId },
        data: { status: "pending", attempts: 0, nextAttemptAtMs: BigInt(nowMs), deliveredAtMs: null },
      });
      return count === 1;
    },
  };
}

/** The records over the node's own database, made on first use. */
let nodeRecordsCache: { databaseUrl: string; records: WebhookRecords } | undefined;

export function nodeWebhookRecords(): WebhookRecords {
  const config = readConfig();
  if (nodeRecordsCache?.databaseUrl !== config.databaseUrl) {
    nodeRecordsCache = {
      databaseUrl: config.databaseUrl,
      records: webhookRecords(config.databaseUrl, config.postgresTimeouts),
    };
  }
  return nodeRecordsCache.records;
}

/** Thrown by createWebhookEndpoint when a limit refuses a new endpoint; the routes answer it as invalid_request. */
export class EndpointLimitError extends Error {
  readonly limit: EndpointLimit;

  constructor(limit: EndpointLimit) {
    super(
      limit === "account"
        ? `An account may have at most ${endpointsPerAccountMax} enabled endpoints.`
        : `The node has its most enabled endpoints (${endpointsMax}).`,
    );
    this.name = "EndpointLimitError";
    this.limit = limit;
  }
}

/** Registers an endpoint; the secret (`whsec_…`) is returned here once and never again. */
export async function createWebhookEndpoint(input: {
  account: string;
  url: string;
  nowMs: number;
}): Promise<{ endpoint: WebhookEndpointRecord; secret: string }> {
  const outcome = await nodeWebhookRecords().create(input);
  if (!outcome.ok) throw new EndpointLimitError(outcome.limit);
  return { endpoint: outcome.endpoint, secret: outcome.secret };
}

export function listWebhookEndpoints(options: { limit: number }): Promise<WebhookEndpointRecord[]> {
  return nodeWebhookRecords().list(options);
}

export function disableWebhookEndpoint(id: string, nowMs: number): Promise<boolean> {
  return nodeWebhookRecords().disable(id, nowMs);
}

/**
 * One page of an endpoint's deliveries, newest first, older than `beforeCreatedAtMs` when it is given. (Deliveries
 * of one block share their createdAtMs: to page through them all, use `nodeWebhookRecords().deliveriesPage`,
 * whose cursor carries the txId too.)
 */
export async function listWebhookDeliveries(options: {
  endpointId: string;
  limit: number;
  beforeCreatedAtMs?: bigint;
}): Promise<WebhookDeliveryRecord[]> {
  const before = options.beforeCreatedAtMs;
  // The smallest txId-free cursor at `before`: every delivery of that instant has a txId above "".
  const after = before === undefined ? undefined : { createdAtMs: before, txId: "" };
  return (await nodeWebhookRecords().deliveriesPage({ ...options, after })).deliveries;
}

/** Makes a delivery due again now (attempts and the 24-hour window start over); false when there is none. */
export function redeliverWebhook(endpointId: string, txId: string, nowMs: number): Promise<boolean> {
  return nodeWebhookRecords().redeliver(endpointId, txId, nowMs);
}
