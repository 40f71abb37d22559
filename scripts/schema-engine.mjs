#!/usr/bin/env node
// A stand-in for Prisma's native `schema-engine` binary, so that every `prisma` CLI command works offline.
//
// Why: the CLI (prisma 7.10) never runs migrations itself; it spawns the native schema-engine binary, which it
// first downloads from Prisma's servers. Offline that download fails. prisma.config.ts therefore points
// PRISMA_SCHEMA_ENGINE_BINARY at this script, and this script answers the binary's protocol by forwarding to
// Prisma's own WebAssembly build of the same engine (@prisma/schema-engine-wasm, same version as the CLI), which
// reaches SQLite through the better-sqlite3 driver adapter. SQLite only, which is all chainpay uses.
//
// The protocol, as the CLI (node_modules/prisma/build/cli.js) speaks it:
//   schema-engine --version                                   → print a version line
//   schema-engine --datasource '{"url":…}' cli <command>      → one-shot: can-connect-to-database, create-database,
//                                                               drop-database. Exit 0 on success; on failure write
//                                                               JSON log records to stderr (see `fail` below).
//   schema-engine [--datamodels <file>]… --datasource '{"url":…,"shadowDatabaseUrl":…}'
//                                                             → JSON-RPC 2.0 server: one request per stdin line,
//                                                               one response per stdout line, until stdin closes.
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { createRequire } from "node:module";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import * as wasmBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import { sqliteMigrationsTableSql } from "../lib/db/migrations-table.mjs";

const require = createRequire(import.meta.url);
const wasmPackageDir = path.dirname(require.resolve("@prisma/schema-engine-wasm")); // its "exports" hide other files
// The helper that wraps a driver adapter into the shape the Wasm engine calls (results as {ok,value}/{ok,error}).
// It ships with the adapter (its dependency), so resolve it from there rather than relying on npm's hoisting.
const { bindMigrationAwareSqlAdapterFactory } = createRequire(require.resolve("@prisma/adapter-better-sqlite3"))(
  "@prisma/driver-adapter-utils",
);

// ---------------------------------------------------------------------------------------------- arguments
const args = { datamodels: [], datasource: {}, command: undefined };
for (let i = 2; i < process.argv.length; i++) {
  const arg = process.argv[i];
  if (arg === "--version" || arg === "-V") {
    const { version } = JSON.parse(fs.readFileSync(path.join(wasmPackageDir, "package.json"), "utf8"));
    console.log(`schema-engine-cli ${version.split(".").pop()} (@prisma/schema-engine-wasm ${version})`);
    process.exit(0);
  } else if (arg === "--datamodels") args.datamodels.push(process.argv[++i]);
  else if (arg === "--datasource") args.datasource = JSON.parse(process.argv[++i]);
  else if (arg === "cli") args.command = process.argv[++i];
  else if (arg === "--enabled-preview-features" || arg === "--extension-types") i++; // nothing to do for SQLite
}

/** `file:./x.db?mode=…` → absolute path (relative paths are relative to the cwd the CLI gives us). */
function sqlitePath(url) {
  if (typeof url !== "string" || !url.startsWith("file:")) {
    fail("P1013", `This schema engine only supports SQLite "file:" URLs, got ${JSON.stringify(url)}`);
  }
  const file = url
    .slice("file:".length)
    .replace(/^\/\/(?=\/)/, "")
    .split("?")[0];
  return file === ":memory:" ? file : path.resolve(file);
}

/**
 * Report a failure the way the native engine does in `cli` mode. The CLI reads stderr, DROPS THE FIRST LINE, parses
 * every other line as JSON and looks for {level:"ERROR", target:"schema_engine::logger", fields:{error_code,message}}.
 * So an info line goes first, otherwise the error record itself is the line that gets dropped.
 */
function fail(errorCode, message) {
  const log = (level, fields) =>
    JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target: "schema_engine::logger" });
  process.stderr.write(`${log("INFO", { message: "Starting schema engine (Wasm stand-in)" })}\n`);
  process.stderr.write(`${log("ERROR", { is_panic: false, error_code: errorCode, message })}\n`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------- cli mode
if (args.command !== undefined) {
  const file = sqlitePath(args.datasource.url);
  const name = path.basename(file);
  if (args.command === "can-connect-to-database") {
    // The CLI answers P1003 ("does not exist") by running `create-database` and printing "SQLite database … created".
    if (file !== ":memory:" && !fs.existsSync(file)) {
      fail("P1003", `Database \`${name}\` does not exist at \`${file}\`.`);
    }
  } else if (args.command === "create-database") {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.closeSync(fs.openSync(file, "a")); // an empty file is a valid, empty SQLite database
  } else if (args.command === "drop-database") {
    for (const suffix of ["", "-journal", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  } else {
    fail("P1000", `Unknown schema engine cli command: ${args.command}`);
  }
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------- Wasm engine
// The package's own entry point does `import * as wasm from "./schema_engine_bg.wasm"`, which Node cannot import
// without --experimental-wasm-modules; instantiate the module by hand instead and hand it to the JS glue.
const wasmFile = path.join(wasmPackageDir, "schema_engine_bg.wasm");
const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmFile), {
  "./schema_engine_bg.js": wasmBindings,
});
wasmBindings.__wbg_set_wasm(instance.exports);
instance.exports.__wbindgen_start();

// A Rust panic inside the Wasm engine reports its message here before surfacing as a RuntimeError.
let lastPanic;
globalThis.PRISMA_WASM_PANIC_REGISTRY = { set_message: (message) => (lastPanic = message) };

const databaseFile = sqlitePath(args.datasource.url);
const datamodels = args.datamodels.map((file) => [file, fs.readFileSync(file, "utf8")]);
const openDatabases = new Set(); // every better-sqlite3 handle we opened, so `reset` can close them

/** The better-sqlite3 driver adapter, adjusted where the engine expects something it doesn't do (see below). */
function adapterFactory() {
  const factory = new PrismaBetterSqlite3(
    { url: args.datasource.url },
    // Without a shadowDatabaseUrl the adapter gives the shadow database an in-memory SQLite: exactly what we want.
    { shadowDatabaseUrl: args.datasource.shadowDatabaseUrl },
  );
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => lazyConnection(factory.adapterName, () => factory.connect()),
    connectToShadowDb: async () => lazyConnection(factory.adapterName, () => factory.connectToShadowDb()),
  };
}

/**
 * A connection that opens the database on first use. The engine connects as soon as it starts, even for commands
 * that never touch the configured database (`migrate diff --from-migrations … --to-schema …`), and opening a
 * missing file with better-sqlite3 creates it: that would leave an empty chainpay.db behind.
 */
function lazyConnection(adapterName, open) {
  let connection;
  const get = () => (connection ??= open().then(runMultiStatementsAsScript));
  const forward =
    (method) =>
    async (...params) =>
      (await get())[method](...params);
  return {
    provider: "sqlite",
    adapterName,
    queryRaw: forward("queryRaw"),
    executeRaw: forward("executeRaw"),
    executeScript: forward("executeScript"),
    startTransaction: forward("startTransaction"),
    dispose: async () => connection && (await connection).dispose(),
  };
}

/**
 * The engine replays each migration.sql into the shadow database as ONE query, but better-sqlite3's
 * prepare().run() refuses a string that holds several statements ("more than one statement"): run such a string
 * as a script (exec), the way the native engine does.
 */
function runMultiStatementsAsScript(connection) {
  openDatabases.add(connection.client);
  for (const [method, noRows] of [
    ["executeRaw", 0],
    ["queryRaw", { columnNames: [], columnTypes: [], rows: [] }],
  ]) {
    const single = connection[method].bind(connection);
    connection[method] = async (query) => {
      if (query.args.length > 0 || !isMultiStatement(connection.client, query.sql)) return single(query);
      await connection.executeScript(query.sql);
      return noRows;
    };
  }
  return connection;
}

function isMultiStatement(db, sql) {
  try {
    db.prepare(sql);
    return false;
  } catch (error) {
    return error instanceof RangeError && /more than one statement/.test(error.message);
  }
}

let adapter; // the bound adapter factory; its errorRegistry holds the JS errors the engine only knows by id
async function startEngine() {
  adapter = bindMigrationAwareSqlAdapterFactory(adapterFactory());
  return wasmBindings.SchemaEngine.new(
    // The engine wants either undefined or a NON-EMPTY list: commands like `migrate diff` pass no --datamodels.
    { datamodels: datamodels.length > 0 ? datamodels : undefined },
    () => {}, // the engine's tracing log lines; the CLI doesn't need them
    adapter,
  );
}

function stopEngine() {
  engine?.free();
  engine = undefined;
  // Closing is what removes chainpay.db-journal: the engine puts SQLite in EXCLUSIVE locking mode, where the
  // journal file is kept (zeroed) until the connection closes.
  for (const db of openDatabases) db.close();
  openDatabases.clear();
}

let engine = await startEngine();

// ---------------------------------------------------------------------------------------------- JSON-RPC
let nextOutgoingId = 1_000_000_000; // ids for our own requests to the CLI; must not matter to it
const send = (message) => process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);

// Where the CLI's request differs from the Wasm engine's API, or the Wasm engine falls short of the native one.
const methods = {
  getDatabaseVersion: (params) => engine.version(params ?? undefined),

  // The native engine doesn't return the diff: it sends the CLI a `print` request, and the CLI writes `content`
  // to stdout (or to the --output file). The Wasm engine returns it as `stdout`, so forward it that way.
  async diff(params) {
    const { stdout, ...result } = await engine.diff(params);
    if (stdout) send({ id: nextOutgoingId++, method: "print", params: { content: stdout.replace(/\n$/, "") } });
    return { ...result, stdout: null };
  },

  // The Wasm engine fails with P1014 on a database that has no `_prisma_migrations` table yet (a brand-new or a
  // `db push`ed database), where the native engine reads that as an empty history. `migrate status` must not
  // write, so answer what the native engine answers: no table, and every migration unapplied.
  async diagnoseMigrationHistory(params) {
    try {
      return await engine.diagnoseMigrationHistory(params);
    } catch (error) {
      if (!isMissingMigrationsTable(error)) throw error;
      const names = params.migrationsList.migrationDirectories.map((directory) => directory.path);
      const history = names.length > 0 ? { diagnostic: "databaseIsBehind", unappliedMigrationNames: names } : null;
      return { editedMigrationNames: [], failedMigrationNames: [], hasMigrationsTable: false, history };
    }
  },

  // The Wasm engine's SQLite reset cannot work here: its `PRAGMA writable_schema=1; DELETE FROM sqlite_master` is
  // refused by better-sqlite3 (defensive mode), and its fallback, dropping objects one by one, leaves some behind
  // (an AUTOINCREMENT table's sqlite_sequence: `migrate reset` then fails with P3005 "schema is not empty").
  // Do what the native engine does for SQLite: close the database, delete the file, start over on a fresh one.
  async reset() {
    stopEngine();
    for (const suffix of ["", "-journal", "-wal", "-shm"]) fs.rmSync(databaseFile + suffix, { force: true });
    engine = await startEngine();
  },
};

// Two gaps of the Wasm engine show up as errors; fix the cause and ask again, once:
// - It fails with P1014 on a database that has no `_prisma_migrations` table yet. For the commands that write the
//   migration history anyway (migrate dev, migrate resolve), create the table, empty, as the engine itself would.
// - evaluateDataLoss/createMigration (migrate dev) cannot open a shadow database themselves ("SQLite shadow DB must
//   be provided through an external factory"); they only reuse the schema of the migrations that an earlier call
//   computed in one. `migrate dev` on a database with unapplied migrations applies them first, so that schema is
//   missing: compute it with diagnoseMigrationHistory, which may use the shadow database, then retry.
const isMissingMigrationsTable = (error) => error?.code === "P1014" && error.message.includes("_prisma_migrations");
const needsShadowDatabase = (error) => /shadow DB must be provided through an external factory/.test(error?.message);

async function dispatch({ method, params }) {
  if (methods[method]) return methods[method](params);
  if (typeof engine[method] !== "function" || method === "free") throw new Error(`Unknown method: ${method}`);
  try {
    return await engine[method](params);
  } catch (error) {
    if (isMissingMigrationsTable(error)) {
      await engine.dbExecute({
        datasourceType: { tag: "url", url: args.datasource.url },
        script: sqliteMigrationsTableSql,
      });
    } else if (needsShadowDatabase(error) && params?.migrationsList) {
      const { migrationsList, filters } = params;
      await engine.diagnoseMigrationHistory({ migrationsList, filters, optInToShadowDatabase: true });
    } else {
      throw error;
    }
    return engine[method](params);
  }
}

/** An engine error as the CLI reads it: `data.message` and `data.error_code`, or for a panic the top `message`. */
function toRpcError(error) {
  const isPanic = error?.name === "RuntimeError"; // a Rust panic surfaces as a WebAssembly RuntimeError
  const message = (isPanic ? (lastPanic ?? error.message) : (error?.message ?? String(error)))
    // A JS error inside the adapter reaches the engine as "External error id#N": put the real message back.
    .replace(/External error id#(\d+)/g, (text, id) => adapter.errorRegistry.consumeError(+id)?.error?.message ?? text)
    // Drop the Rust span trace ("\n   0: sql_schema_connector::… at …rs:352") the Wasm build appends.
    .replace(/\n\s+0: [a-z_]+::[\s\S]*$/, "");
  return { code: 4466, message, data: { is_panic: isPanic, message, error_code: error?.code, meta: error?.meta } };
}

// One request at a time, in order (the CLI never overlaps them, and `reset` swaps the engine out).
let queue = Promise.resolve();
readline
  .createInterface({ input: process.stdin, crlfDelay: Infinity })
  .on("line", (line) => {
    if (!line.trim()) return;
    const request = JSON.parse(line);
    if (request.method === undefined) return; // the CLI's acknowledgement of one of our `print` requests
    queue = queue.then(async () => {
      try {
        send({ id: request.id, result: (await dispatch(request)) ?? {} });
      } catch (error) {
        send({ id: request.id, error: toRpcError(error) });
      }
    });
  })
  .on("close", () => queue.then(exit));
// When the CLI is done it ends our stdin and kills us at once (SchemaEngineCLI.stop() in cli.js): close first.
process.on("SIGTERM", exit);

function exit() {
  stopEngine();
  process.exit(0);
}
