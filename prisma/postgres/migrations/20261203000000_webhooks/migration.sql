-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "createdAtMs" BIGINT NOT NULL,
    "disabledAtMs" BIGINT,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "endpointId" TEXT NOT NULL,
    "txId" TEXT NOT NULL,
    "blockHeight" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAtMs" BIGINT NOT NULL,
    "nextAttemptAtMs" BIGINT NOT NULL,
    "lastAttemptAtMs" BIGINT,
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "deliveredAtMs" BIGINT,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("endpointId","txId")
);

-- CreateIndex
CREATE INDEX "WebhookEndpoint_account_idx" ON "WebhookEndpoint"("account");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAtMs_idx" ON "WebhookDelivery"("status", "nextAttemptAtMs");

-- CreateIndex
CREATE INDEX "WebhookDelivery_endpointId_createdAtMs_idx" ON "WebhookDelivery"("endpointId", "createdAtMs");
