-- CreateTable
CREATE TABLE "LogTreeNode" (
    "level" INTEGER NOT NULL,
    "index" INTEGER NOT NULL,
    "hash" BYTEA NOT NULL,

    CONSTRAINT "LogTreeNode_pkey" PRIMARY KEY ("level","index")
);

-- Added by hand: a log node is never rewritten (the leaves below it never change). Preparing the node fills in
-- the nodes of blocks sealed before this migration (lib/db `storeMissingLogNodes`).
CREATE TRIGGER "LogTreeNode_append_only_update" BEFORE UPDATE ON "LogTreeNode"
FOR EACH ROW EXECUTE FUNCTION "chainpay_append_only"();
