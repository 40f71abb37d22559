// The webhook outbox as the delivery loop reads and updates it (issue 12), in Prisma for both databases: the due
// deliveries a bounded batch at a time, each claimed by one conditional UPDATE before it is posted, and its
// outcome recorded under the same condition. Every write is one short statement on one row (or on the due rows of
// one endpoint), so the loop never holds the database's write lock for long beside the sealer. The outbox's rows
// are written with their block (webhook-outbox-sql.ts), never here.
import "server-only";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { databaseKind, type DatabaseKind, type PostgresTimeouts } from "../database-url";
import { getPrisma } from "../prisma";
import { columnOfHex, hexOfColumn, isoOfMilliseconds } from "../rows";
import { endpointsListMax } from "./webhook-endpoints";

/** A due delivery as read: its key, the attempts made so far and the due time the claim is conditional on. */
export type DueDelivery = {
  endpointId: string;
  txId: string;
  blockHeight: number;
  attempts: number;
  nextAttemptAtMs: bigint;
};

export type DeliveryKey = { endpointId: string; txId: string };

/** What an attempt posts, read for a batch of due deliveries. */
export type DeliverySources = {
  endpoints: Map<string, { id: string; account: string; url: string; secret: string; disabledAtMs: bigint | null }>;
  transactions: Map<
    string,
    { txId: string; fromKey: string; toKey: string; amountMinor: bigint; memo: string | null; blockHeight: number }
  >;
  blocks: Map<number, { height: number; hash: string; timestamp: string }>;
};

/** An attempt's result as stored: delivered, due again at `nextAttemptAtMs`, or failed for good. */
export type RecordedOutcome =
  | { status: "delivered"; statusCode: number }
  | { status: "pending"; statusCode: number | null; error: string; nextAttemptAtMs: number }
  | { status: "failed"; statusCode: number | null; error: string };

/**
 * The most endpoints a due read leaves out by id (those with an attempt in flight or resting): every endpoint there
 * may be, enabled (endpointsMax) or disabled (whose deliveries the loop ends at once, and which never rest), so that
 * resting endpoints never crowd the live ones out of a read. Some 60 KB of ids at most.
 */
export const excludedEndpointsMax = endpointsListMax;

export type WebhookOutbox = ReturnType<typeof webhookOutboxOver>;

export function webhookOutbox(databaseUrl: string, timeouts?: PostgresTimeouts): WebhookOutbox {
  let client: PrismaClient | null = null;
  return webhookOutboxOver(() => (client ??= getPrisma(databaseUrl, timeouts)), databaseKind(databaseUrl));
}

type DueRow = { endpointId: string; txId: string; blockHeight: unknown; attempts: unknown; nextAttemptAtMs: unknown };

export function webhookOutboxOver(prisma: () => PrismaClient, kind: DatabaseKind) {
  return {
    /**
     * The longest-due pending delivery of each endpoint not in `excludedEndpointIds` (those with an attempt in
     * flight or resting), at most `limit` of them, the longest due first. One probe per endpoint, through the
     * (endpointId, status, nextAttemptAtMs) index: the deliveries waiting behind an endpoint's first are never
     * read, and an excluded endpoint's not at all, so that a dead endpoint's backlog costs nothing while it rests.
     * The loop posts one delivery per endpoint at a time, which is all it needs.
     */
    async due(nowMs: number, limit: number, excludedEndpointIds: readonly string[]): Promise<DueDelivery[]> {
      const excluded = JSON.stringify(excludedEndpointIds.slice(0, excludedEndpointsMax));
      const now = BigInt(nowMs);
      const rows =
        kind === "sqlite"
          ? await prisma().$queryRaw<DueRow[]>`
              SELECT d."endpointId", d."txId", d."blockHeight", d."attempts", d."nextAttemptAtMs"
              FROM "WebhookEndpoint" e
              JOIN "WebhookDelivery" d ON d.rowid = (
                SELECT x.rowid FROM "WebhookDelivery" x
                WHERE x."endpointId" = e."id" AND x."status" = 'pending' AND x."nextAttemptAtMs" <= ${now}
                ORDER BY x."nextAttemptAtMs" LIMIT 1)
              WHERE e."id" NOT IN (SELECT value FROM json_each(${excluded}))
              ORDER BY d."nextAttemptAtMs" LIMIT ${limit}`
          : await prisma().$queryRaw<DueRow[]>`
              SELECT d."endpointId", d."txId", d."blockHeight", d."attempts", d."nextAttemptAtMs"
              FROM "WebhookEndpoint" e
              CROSS JOIN LATERAL (
                SELECT x.* FROM "WebhookDelivery" x
                WHERE x."endpointId" = e."id" AND x."status" = 'pending' AND x."nextAttemptAtMs" <= ${now}
                ORDER BY x."nextAttemptAtMs" LIMIT 1) d
              WHERE e."id" NOT IN (SELECT jsonb_array_elements_text(${excluded}::jsonb))
              ORDER BY d."nextAttemptAtMs" LIMIT ${limit}`;
      return rows.map((row) => ({
        endpointId: row.endpointId,
        txId: row.txId,
        blockHeight: Number(row.blockHeight),
        attempts: Number(row.attempts),
        nextAttemptAtMs: BigInt(row.nextAttemptAtMs as bigint | number),
      }));
    },

    /**
     * Claims one attempt: counts it and pushes its due time to `leaseUntilMs`, only if the row is still as it was
     * read. Of two instances that read the same row, one claims it; the other's UPDATE matches nothing. A node
     * killed mid-attempt leaves the row due again at `leaseUntilMs`: the event is posted again (same webhook-id).
     */
    async claim(row: DueDelivery, nowMs: number, leaseUntilMs: number): Promise<boolean> {
      const { count } = await prisma().webhookDelivery.updateMany({
        where: { endpointId: row.endpointId, txId: row.txId, status: "pending", nextAttemptAtMs: row.nextAttemptAtMs },
        data: { nextAttemptAtMs: BigInt(leaseUntilMs), attempts: { increment: 1 }, lastAttemptAtMs: BigInt(nowMs) },
      });
      return count === 1;
    },

    /** The endpoints, transactions and blocks of these deliveries, in three reads. */
    async sourcesOf(rows: readonly DueDelivery[]): Promise<DeliverySources> {
      const client = prisma();
      const [endpoints, transactions, blocks] = await Promise.all([
        client.webhookEndpoint.findMany({
          where: { id: { in: [...new Set(rows.map((row) => row.endpointId))] } },
          select: { id: true, account: true, url: true, secret: true, disabledAtMs: true },
        }),
        client.transaction.findMany({
          where: { txId: { in: rows.map((row) => columnOfHex(row.txId)) } },
          select: { txId: true, fromKey: true, toKey: true, amountMinor: true, memo: true, blockHeight: true },
        }),
        client.block.findMany({
          where: { height: { in: [...new Set(rows.map((row) => row.blockHeight))] } },
          select: { height: true, hash: true, timestampMs: true },
        }),
      ]);
      return {
        endpoints: new Map(endpoints.map((item) => [item.id, item])),
        transactions: new Map(
          transactions.map((item) => {
            const txId = hexOfColumn(item.txId);
            return [txId, { ...item, txId, fromKey: hexOfColumn(item.fromKey), toKey: hexOfColumn(item.toKey) }];
          }),
        ),
        blocks: new Map(
          blocks.map((item) => [
            item.height,
            { height: item.height, hash: hexOfColumn(item.hash), timestamp: isoOfMilliseconds(item.timestampMs) },
          ]),
        ),
      };
    },

    /** Stores an attempt's outcome, if the row is still the one this attempt claimed (due at `leaseUntilMs`). */
    async record(key: DeliveryKey, leaseUntilMs: number, outcome: RecordedOutcome, nowMs: number): Promise<boolean> {
      const isDelivered = outcome.status === "delivered";
      const { count } = await prisma().webhookDelivery.updateMany({
        // The key's two fields only: a DueDelivery passed as the key also carries the attempts it was read with.
        where: { endpointId: key.endpointId, txId: key.txId, status: "pending", nextAttemptAtMs: BigInt(leaseUntilMs) },
        data: {
          status: outcome.status,
          lastStatusCode: outcome.statusCode,
          lastError: isDelivered ? null : outcome.error,
          ...(isDelivered ? { deliveredAtMs: BigInt(nowMs) } : {}),
          ...(outcome.status === "pending" ? { nextAttemptAtMs: BigInt(outcome.nextAttemptAtMs) } : {}),
        },
      });
      return count === 1;
    },

    /** Ends every due delivery of an endpoint that is gone or disabled: "failed", and an admin may redeliver them. */
    async abandonEndpoint(endpointId: string, nowMs: number, error: string): Promise<void> {
      await prisma().webhookDelivery.updateMany({
        where: { endpointId, status: "pending", nextAttemptAtMs: { lte: BigInt(nowMs) } },
        data: { status: "failed", lastError: error },
      });
    },

    /** Ends one due delivery that cannot be posted (its payment is not in the stored chain: a bug, logged). */
    async abandon(row: DueDelivery, error: string): Promise<void> {
      await prisma().webhookDelivery.updateMany({
        where: { endpointId: row.endpointId, txId: row.txId, status: "pending", nextAttemptAtMs: row.nextAttemptAtMs },
        data: { status: "failed", lastError: error },
      });
    },
  };
}
