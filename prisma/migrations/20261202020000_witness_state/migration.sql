-- CreateTable
CREATE TABLE "WitnessState" (
    "origin" TEXT NOT NULL PRIMARY KEY,
    "size" INTEGER NOT NULL,
    "rootHash" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "updatedAt" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "WitnessEvidence" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "origin" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "cosignedNote" TEXT NOT NULL,
    "conflictingNote" TEXT NOT NULL,
    "raisedAt" TEXT NOT NULL
);

-- Added by hand: evidence is kept, never changed or dropped; and a witness never cosigns a smaller tree than it
-- did before, whatever writes the row.
CREATE TRIGGER "WitnessEvidence_append_only_update" BEFORE UPDATE ON "WitnessEvidence"
BEGIN SELECT RAISE(ABORT, 'witness evidence is never rewritten'); END;
CREATE TRIGGER "WitnessEvidence_append_only_delete" BEFORE DELETE ON "WitnessEvidence"
BEGIN SELECT RAISE(ABORT, 'witness evidence is never deleted'); END;
CREATE TRIGGER "WitnessState_never_smaller" BEFORE UPDATE ON "WitnessState"
WHEN NEW."size" < OLD."size"
BEGIN SELECT RAISE(ABORT, 'a witness never cosigns a smaller tree'); END;
