// WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside whichever commit crosses the
// threshold, copying the WAL into the database and syncing it while that commit's caller waits: on the node,
// that is the event loop, and every request in flight waits with it. So the sealing connection turns automatic
// checkpoints off, and a worker thread with its own connection checkpoints once a second instead.
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";

const checkpointIntervalMs = 1000;

const workerSource = `
const { workerData } = require("node:worker_threads");
const Database = require(workerData.driverPath);
const database = new Database(workerData.file, { timeout: 5000 });
setInterval(() => {
  try {
    // PASSIVE never waits for readers or the writer; what it cannot copy now it copies next time.
    database.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    console.error("WAL checkpoint failed", error);
  }
}, workerData.intervalMs);`;

export function startCheckpointer(file: string): Worker {
  const driverPath = createRequire(path.join(process.cwd(), "package.json")).resolve("better-sqlite3");
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { file, driverPath, intervalMs: checkpointIntervalMs },
  });
  worker.unref();
  return worker;
}
