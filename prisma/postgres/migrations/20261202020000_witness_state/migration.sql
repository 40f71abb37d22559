-- CreateTable
CREATE TABLE "WitnessState" (
    "origin" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "rootHash" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "updatedAt" TEXT NOT NULL,

    CONSTRAINT "WitnessState_pkey" PRIMARY KEY ("origin")
);

-- CreateTable
CREATE TABLE "WitnessEvidence" (
    "id" SERIAL NOT NULL,
    "origin" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "cosignedNote" TEXT NOT NULL,
    "conflictingNote" TEXT NOT NULL,
    "raisedAt" TEXT NOT NULL,

    CONSTRAINT "WitnessEvidence_pkey" PRIMARY KEY ("id")
);

-- Added by hand: evidence is kept, never changed or dropped; and a witness never cosigns a smaller tree than it
-- did before, whatever writes the row.
CREATE TRIGGER "WitnessEvidence_append_only" BEFORE UPDATE OR DELETE ON "WitnessEvidence"
FOR EACH ROW EXECUTE FUNCTION "chainpay_append_only"();
CREATE TRIGGER "WitnessEvidence_no_truncate" BEFORE TRUNCATE ON "WitnessEvidence"
FOR EACH STATEMENT EXECUTE FUNCTION "chainpay_append_only"();
CREATE FUNCTION "chainpay_witness_never_smaller"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."size" < OLD."size" THEN
    RAISE EXCEPTION 'a witness never cosigns a smaller tree';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "WitnessState_never_smaller" BEFORE UPDATE ON "WitnessState"
FOR EACH ROW EXECUTE FUNCTION "chainpay_witness_never_smaller"();
