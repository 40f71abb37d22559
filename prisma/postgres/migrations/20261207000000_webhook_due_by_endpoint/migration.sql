-- The delivery loop reads each endpoint's longest-due delivery through the new index, one probe per endpoint, so
-- that the deliveries of an endpoint that rests (or holds a slow attempt) are never read or moved meanwhile,
-- however many wait: the read's cost follows the endpoints, not the outbox's size. The (status, nextAttemptAtMs)
-- index served the read it replaces, and no other: it goes, so each outbox row still writes three index entries.
-- DropIndex
DROP INDEX "WebhookDelivery_status_nextAttemptAtMs_idx";

-- CreateIndex
CREATE INDEX "WebhookDelivery_endpointId_status_nextAttemptAtMs_idx" ON "WebhookDelivery"("endpointId", "status", "nextAttemptAtMs");
