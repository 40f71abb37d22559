-- CreateTable
CREATE TABLE "LogCheckpoint" (
    "origin" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "rootHashHex" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "signedAtMs" BIGINT NOT NULL,
    "witnessedAtMs" BIGINT,

    CONSTRAINT "LogCheckpoint_pkey" PRIMARY KEY ("origin","size")
);

-- CreateTable
CREATE TABLE "LogCosignature" (
    "origin" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "witness" TEXT NOT NULL,
    "vkey" TEXT NOT NULL,
    "line" TEXT NOT NULL,
    "timestampSeconds" BIGINT NOT NULL,

    CONSTRAINT "LogCosignature_pkey" PRIMARY KEY ("origin","size","witness")
);

-- CreateTable
CREATE TABLE "LogWitnessState" (
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "lastStatus" TEXT,
    "lastAtMs" BIGINT,
    "lastMessage" TEXT,
    "knownSize" INTEGER,
    "cosignedSize" INTEGER,

    CONSTRAINT "LogWitnessState_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "LogEvidence" (
    "id" SERIAL NOT NULL,
    "reportedBy" TEXT NOT NULL,
    "atMs" BIGINT NOT NULL,
    "noteA" TEXT NOT NULL,
    "noteB" TEXT NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "LogEvidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LogLease" (
    "id" INTEGER NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAtMs" BIGINT NOT NULL,

    CONSTRAINT "LogLease_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LogCheckpoint_origin_witnessedAtMs_idx" ON "LogCheckpoint"("origin", "witnessedAtMs");

-- Added by hand: the one lease row, so that taking it is always one conditional UPDATE.
INSERT INTO "LogLease" ("id", "holder", "expiresAtMs") VALUES (1, '', 0);
