// The webhook outbox as the delivery loop reads and updates it (issue 12), in Prisma for both databases: the due
// deliveries a bounded batch at a time, each claimed by one conditional UPDATE before it is posted, and its
// outcome recorded under the same condition. Every write is one short statement on one row (or on the due rows of
// one endpoint), so the loop never holds the database's write lock for long beside the sealer. The outbox's rows
// are written with their block (webhook-outbox-sql.ts), never here.
import "server-only";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { PostgresTimeouts } from "../database-url";
import { getPrisma } from "../prisma";
import { columnOfHex, hexOfColumn, isoOfMilliseconds } from "../rows";

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

/** The most endpoints a due read leaves out by id (those with an attempt in flight or resting). */
export const excludedEndpointsMax = 256;

export type WebhookOutbox = ReturnType<typeof webhookOutboxOver>;

export function webhookOutbox(databaseUrl: string, timeouts?: PostgresTimeouts): WebhookOutbox {
  let client: PrismaClient | null = null;
  return webhookOutboxOver(() => (client ??= getPrisma(databaseUrl, timeouts)));
}

export function webhookOutboxOver(prisma: () => PrismaClient) {
  return {
    /**
     * Up to `limit` pending deliveries due at `nowMs`, the longest due first, leaving out `excludedEndpointIds`
     * (read through the (status, nextAttemptAtMs) index: only due rows are looked at).
     */
    async due(nowMs: number, limit: number, excludedEndpointIds: readonly string[]): Promise<DueDelivery[]> {
      const excluded = excludedEndpointIds.slice(0, excludedEndpointsMax);
      return prisma().webhookDelivery.findMany({
        where: {
          status: "pending",
          nextAttemptAtMs: { lte: BigInt(nowMs) },
          ...(excluded.length === 0 ? {} : { endpointId: { notIn: excluded } }),
        },
        orderBy: { nextAttemptAtMs: "asc" },
        take: limit,
        select: { endpointId: true, txId: true, blockHeight: true, attempts: true, nextAttemptAtMs: true },
      });
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

    /**
     * Moves the due deliveries of a resting endpoint to `untilMs`, so that the loop's due reads do not look at them
     * again and again meanwhile (only due rows are touched, through the due index).
     */
    async rest(endpointId: string, nowMs: number, untilMs: number): Promise<number> {
      const { count } = await prisma().webhookDelivery.updateMany({
        where: { endpointId, status: "pending", nextAttemptAtMs: { lte: BigInt(nowMs) } },
        data: { nextAttemptAtMs: BigInt(untilMs) },
      });
      return count;
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
