// What a witness keeps in its replica's Setting table, beside the follower's settings, and its limits.

/** The followed log's origin, pinned at the witness's first start (from GET /api/node's `log.origin`). */
export const witnessOriginSetting = "witness.origin";

/** The largest add-checkpoint body: 63 proof lines and a note of up to 100 signature lines fit well within it. */
export const addCheckpointBodyBytesMax = 64 * 1024;

/**
 * How long an add-checkpoint request waits for the replica to verify the blocks its checkpoint covers, and how
 * far behind the replica may be for it to wait at all; past either it answers 503 and the node retries later. The
 * wait stays below the 5 s a node gives one witness request, so that the node reads the 503 rather than a timeout.
 */
export const replicaWaitMsMax = 4_000;
export const replicaWaitBlocksMax = 10_000;
/** How often a waiting request looks at the replica again. */
export const replicaPollIntervalMs = 100;
