-- CreateTable
CREATE TABLE "BlockTree" (
    "height" INTEGER NOT NULL PRIMARY KEY,
    "interiorLevels" BLOB NOT NULL,
    CONSTRAINT "BlockTree_height_fkey" FOREIGN KEY ("height") REFERENCES "Block" ("height") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- Added by hand: a stored tree is never rewritten. It may be deleted, unlike a block: it is derived from the
-- block's txIds, every receipt read from it is checked against the signed merkleRoot, and preparing the node
-- stores it again (lib/db `storeMissingTrees`), as it does for the blocks sealed before this migration.
CREATE TRIGGER "BlockTree_append_only_update" BEFORE UPDATE ON "BlockTree"
BEGIN SELECT RAISE(ABORT, 'block trees are never rewritten'); END;
